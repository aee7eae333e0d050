"""Autoencoders: the Stable Diffusion KL autoencoder (diffusers `AutoencoderKL` names) and a
fixed, invertible pixel-unshuffle autoencoder for tiny models.

Each autoencoder exposes `encoder_module()` and `decoder_module()`, the two halves the bundle
exports: image [B, 3, H, W] in [-1, 1] -> scaled latents [B, C, H/f, W/f] and back.
"""

from typing import List

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .config import AutoencoderConfig


class PixelUnshuffleEncoder(nn.Module):
    def __init__(self, factor: int, scale_factor: float):
        super().__init__()
        self.factor = factor
        self.scale_factor = scale_factor

    def forward(self, image: Tensor) -> Tensor:
        return F.pixel_unshuffle(image, self.factor) * self.scale_factor


class PixelUnshuffleDecoder(nn.Module):
    def __init__(self, factor: int, scale_factor: float):
        super().__init__()
        self.factor = factor
        self.scale_factor = scale_factor

    def forward(self, latents: Tensor) -> Tensor:
        return F.pixel_shuffle(latents / self.scale_factor, self.factor)


class PixelUnshuffleAutoencoder(nn.Module):
    """Rearranges each f×f pixel patch into 3·f² channels. It has no parameters and is
    exactly invertible."""

    def __init__(self, config: AutoencoderConfig):
        super().__init__()
        self.encoder = PixelUnshuffleEncoder(config.downsample_factor, config.scale_factor)
        self.decoder = PixelUnshuffleDecoder(config.downsample_factor, config.scale_factor)

    def encoder_module(self) -> nn.Module:
        return self.encoder

    def decoder_module(self) -> nn.Module:
        return self.decoder


class VaeResnetBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, groups: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, in_channels, eps=1e-6)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.norm2 = nn.GroupNorm(groups, out_channels, eps=1e-6)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.conv_shortcut = (nn.Conv2d(in_channels, out_channels, 1)
                              if in_channels != out_channels else nn.Identity())

    def forward(self, x: Tensor) -> Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = self.conv2(F.silu(self.norm2(h)))
        return self.conv_shortcut(x) + h


class VaeAttention(nn.Module):
    """Single-head self-attention over pixels with a GroupNorm in front and a residual."""

    def __init__(self, channels: int, groups: int):
        super().__init__()
        self.group_norm = nn.GroupNorm(groups, channels, eps=1e-6)
        self.to_q = nn.Linear(channels, channels)
        self.to_k = nn.Linear(channels, channels)
        self.to_v = nn.Linear(channels, channels)
        self.to_out = nn.ModuleList([nn.Linear(channels, channels)])

    def forward(self, x: Tensor) -> Tensor:
        batch, channels, height, width = x.shape
        h = self.group_norm(x).reshape(batch, channels, height * width).transpose(1, 2)
        q, k, v = self.to_q(h), self.to_k(h), self.to_v(h)
        weights = torch.softmax(torch.matmul(q, k.transpose(1, 2)) * channels ** -0.5, dim=-1)
        h = torch.matmul(weights, v)
        for layer in self.to_out:
            h = layer(h)
        return x + h.transpose(1, 2).reshape(batch, channels, height, width)


class VaeMidBlock(nn.Module):
    def __init__(self, channels: int, groups: int):
        super().__init__()
        self.resnets = nn.ModuleList([VaeResnetBlock(channels, channels, groups) for _ in range(2)])
        self.attentions = nn.ModuleList([VaeAttention(channels, groups)])

    def forward(self, x: Tensor) -> Tensor:
        x = self.resnets[0](x)
        for attention in self.attentions:
            x = attention(x)
        return self.resnets[1](x)


class VaeDownsample(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, stride=2, padding=0)

    def forward(self, x: Tensor) -> Tensor:
        # Stable Diffusion pads right and bottom only before the stride-2 convolution.
        return self.conv(F.pad(x, (0, 1, 0, 1)))


class VaeUpsample(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: Tensor) -> Tensor:
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class VaeDownBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, layers: int, groups: int,
                 downsample: bool):
        super().__init__()
        self.resnets = nn.ModuleList([
            VaeResnetBlock(in_channels if i == 0 else out_channels, out_channels, groups)
            for i in range(layers)])
        self.downsamplers = nn.ModuleList([VaeDownsample(out_channels)] if downsample else [])

    def forward(self, x: Tensor) -> Tensor:
        for resnet in self.resnets:
            x = resnet(x)
        for downsampler in self.downsamplers:
            x = downsampler(x)
        return x


class VaeUpBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, layers: int, groups: int,
                 upsample: bool):
        super().__init__()
        self.resnets = nn.ModuleList([
            VaeResnetBlock(in_channels if i == 0 else out_channels, out_channels, groups)
            for i in range(layers)])
        self.upsamplers = nn.ModuleList([VaeUpsample(out_channels)] if upsample else [])

    def forward(self, x: Tensor) -> Tensor:
        for resnet in self.resnets:
            x = resnet(x)
        for upsampler in self.upsamplers:
            x = upsampler(x)
        return x


class VaeEncoder(nn.Module):
    def __init__(self, config: AutoencoderConfig):
        super().__init__()
        channels: List[int] = list(config.block_out_channels)
        groups = config.norm_num_groups
        self.conv_in = nn.Conv2d(3, channels[0], 3, padding=1)
        blocks = []
        out_channels = channels[0]
        for i, block_channels in enumerate(channels):
            in_channels, out_channels = out_channels, block_channels
            blocks.append(VaeDownBlock(in_channels, out_channels, config.layers_per_block, groups,
                                       downsample=i < len(channels) - 1))
        self.down_blocks = nn.ModuleList(blocks)
        self.mid_block = VaeMidBlock(channels[-1], groups)
        self.conv_norm_out = nn.GroupNorm(groups, channels[-1], eps=1e-6)
        self.conv_out = nn.Conv2d(channels[-1], 2 * config.latent_channels, 3, padding=1)

    def forward(self, x: Tensor) -> Tensor:
        x = self.conv_in(x)
        for block in self.down_blocks:
            x = block(x)
        x = self.mid_block(x)
        return self.conv_out(F.silu(self.conv_norm_out(x)))


class VaeDecoder(nn.Module):
    def __init__(self, config: AutoencoderConfig):
        super().__init__()
        channels: List[int] = list(config.block_out_channels)[::-1]
        groups = config.norm_num_groups
        self.conv_in = nn.Conv2d(config.latent_channels, channels[0], 3, padding=1)
        self.mid_block = VaeMidBlock(channels[0], groups)
        blocks = []
        out_channels = channels[0]
        for i, block_channels in enumerate(channels):
            in_channels, out_channels = out_channels, block_channels
            blocks.append(VaeUpBlock(in_channels, out_channels, config.layers_per_block + 1,
                                     groups, upsample=i < len(channels) - 1))
        self.up_blocks = nn.ModuleList(blocks)
        self.conv_norm_out = nn.GroupNorm(groups, channels[-1], eps=1e-6)
        self.conv_out = nn.Conv2d(channels[-1], 3, 3, padding=1)

    def forward(self, z: Tensor) -> Tensor:
        x = self.mid_block(self.conv_in(z))
        for block in self.up_blocks:
            x = block(x)
        return self.conv_out(F.silu(self.conv_norm_out(x)))


class KLEncoderHalf(nn.Module):
    """image [B, 3, H, W] in [-1, 1] -> posterior mean × scale_factor [B, C, H/f, W/f]."""

    def __init__(self, autoencoder: "KLAutoencoder"):
        super().__init__()
        self.encoder = autoencoder.encoder
        self.quant_conv = autoencoder.quant_conv
        self.latent_channels = autoencoder.latent_channels
        self.scale_factor = autoencoder.scale_factor

    def forward(self, image: Tensor) -> Tensor:
        moments = self.quant_conv(self.encoder(image))
        return moments[:, : self.latent_channels] * self.scale_factor


class KLDecoderHalf(nn.Module):
    """scaled latents [B, C, h, w] -> image [B, 3, h·f, w·f], nominally in [-1, 1]."""

    def __init__(self, autoencoder: "KLAutoencoder"):
        super().__init__()
        self.post_quant_conv = autoencoder.post_quant_conv
        self.decoder = autoencoder.decoder
        self.scale_factor = autoencoder.scale_factor

    def forward(self, latents: Tensor) -> Tensor:
        return self.decoder(self.post_quant_conv(latents / self.scale_factor))


class KLAutoencoder(nn.Module):
    """Stable Diffusion's VAE: the downsampling factor is 2^(len(block_out_channels) − 1)."""

    def __init__(self, config: AutoencoderConfig):
        super().__init__()
        factor = 2 ** (len(config.block_out_channels) - 1)
        if factor != config.downsample_factor:
            raise ValueError(f"KL autoencoder with {len(config.block_out_channels)} blocks "
                             f"downsamples by {factor}, but downsample_factor is "
                             f"{config.downsample_factor}")
        self.latent_channels = config.latent_channels
        self.scale_factor = config.scale_factor
        self.encoder = VaeEncoder(config)
        self.decoder = VaeDecoder(config)
        self.quant_conv = nn.Conv2d(2 * config.latent_channels, 2 * config.latent_channels, 1)
        self.post_quant_conv = nn.Conv2d(config.latent_channels, config.latent_channels, 1)

    def encoder_module(self) -> nn.Module:
        return KLEncoderHalf(self)

    def decoder_module(self) -> nn.Module:
        return KLDecoderHalf(self)


def build_autoencoder(config: AutoencoderConfig) -> nn.Module:
    if config.kind == "pixel_unshuffle":
        return PixelUnshuffleAutoencoder(config)
    if config.kind == "kl":
        return KLAutoencoder(config)
    raise ValueError(f"autoencoder.kind must be 'kl' or 'pixel_unshuffle', got {config.kind!r}")
