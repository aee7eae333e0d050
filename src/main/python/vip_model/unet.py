"""Conditional inpainting UNet in the Stable Diffusion 1.5 layout with C-T-S transformer blocks.

Module names follow diffusers' `UNet2DConditionModel`, so a diffusers state dict maps onto
this model with one rename (`transformer_blocks.N.` -> `transformer_blocks.N.total.`).
"""

import math
from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .attention import CTSBlock, Transformer2D
from .config import UNetConfig


def timestep_embedding(timesteps: Tensor, dim: int) -> Tensor:
    """Sinusoidal embedding [B] -> [B, dim], cosine half first.

    Matches diffusers' `get_timestep_embedding` with flip_sin_to_cos=True and
    downscale_freq_shift=0, the Stable Diffusion setting.
    """
    half = dim // 2
    exponent = -math.log(10000.0) * torch.arange(half, dtype=torch.float32,
                                                 device=timesteps.device) / half
    angles = timesteps.to(torch.float32)[:, None] * torch.exp(exponent)[None, :]
    embedding = torch.cat([torch.cos(angles), torch.sin(angles)], dim=-1)
    if dim % 2 == 1:
        embedding = F.pad(embedding, (0, 1))
    return embedding


class TimestepEmbedding(nn.Module):
    def __init__(self, in_dim: int, out_dim: int):
        super().__init__()
        self.linear_1 = nn.Linear(in_dim, out_dim)
        self.linear_2 = nn.Linear(out_dim, out_dim)

    def forward(self, x: Tensor) -> Tensor:
        return self.linear_2(F.silu(self.linear_1(x)))


class ResnetBlock2D(nn.Module):
    """Two GroupNorm-SiLU-conv stages with the time embedding added in between."""

    def __init__(self, in_channels: int, out_channels: int, temb_channels: int,
                 groups: int, eps: float):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, in_channels, eps=eps)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.time_emb_proj = nn.Linear(temb_channels, out_channels)
        self.norm2 = nn.GroupNorm(groups, out_channels, eps=eps)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.use_shortcut = in_channels != out_channels
        self.conv_shortcut = (nn.Conv2d(in_channels, out_channels, 1)
                              if self.use_shortcut else nn.Identity())

    def forward(self, x: Tensor, temb: Tensor) -> Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time_emb_proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.conv_shortcut(x) + h


class Downsample2D(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, stride=2, padding=1)

    def forward(self, x: Tensor) -> Tensor:
        return self.conv(x)


class Upsample2D(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: Tensor) -> Tensor:
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class DownBlock(nn.Module):
    """`DownBlock2D` or, with attention, `CrossAttnDownBlock2D`."""

    def __init__(self, in_channels: int, out_channels: int, temb_channels: int, layers: int,
                 with_attention: bool, downsample: bool, config: UNetConfig):
        super().__init__()
        self.with_attention = with_attention
        self.resnets = nn.ModuleList([
            ResnetBlock2D(in_channels if i == 0 else out_channels, out_channels, temb_channels,
                          config.norm_num_groups, config.norm_eps)
            for i in range(layers)])
        self.attentions = nn.ModuleList([
            Transformer2D(out_channels, config.attention_heads, config.cross_attention_dim,
                          config.norm_num_groups, config.use_linear_projection)
            for _ in range(layers if with_attention else 0)])
        self.downsamplers = nn.ModuleList([Downsample2D(out_channels)] if downsample else [])

    def forward(self, x: Tensor, temb: Tensor, e_total: Tensor, e_center: Tensor,
                e_surround: Tensor, mask: Tensor) -> Tuple[Tensor, List[Tensor]]:
        skips: List[Tensor] = []
        if self.with_attention:
            for resnet, attention in zip(self.resnets, self.attentions):
                x = attention(resnet(x, temb), e_total, e_center, e_surround, mask)
                skips.append(x)
        else:
            for resnet in self.resnets:
                x = resnet(x, temb)
                skips.append(x)
        for downsampler in self.downsamplers:
            x = downsampler(x)
            skips.append(x)
        return x, skips


class UpBlock(nn.Module):
    """`UpBlock2D` or, with attention, `CrossAttnUpBlock2D`. Each resnet takes one skip."""

    def __init__(self, in_channels: int, prev_channels: int, out_channels: int,
                 temb_channels: int, layers: int, with_attention: bool, upsample: bool,
                 config: UNetConfig):
        super().__init__()
        self.with_attention = with_attention
        resnets = []
        for i in range(layers):
            skip_channels = in_channels if i == layers - 1 else out_channels
            resnet_in = prev_channels if i == 0 else out_channels
            resnets.append(ResnetBlock2D(resnet_in + skip_channels, out_channels, temb_channels,
                                         config.norm_num_groups, config.norm_eps))
        self.resnets = nn.ModuleList(resnets)
        self.attentions = nn.ModuleList([
            Transformer2D(out_channels, config.attention_heads, config.cross_attention_dim,
                          config.norm_num_groups, config.use_linear_projection)
            for _ in range(layers if with_attention else 0)])
        self.upsamplers = nn.ModuleList([Upsample2D(out_channels)] if upsample else [])

    def forward(self, x: Tensor, skips: List[Tensor], temb: Tensor, e_total: Tensor,
                e_center: Tensor, e_surround: Tensor, mask: Tensor) -> Tensor:
        if self.with_attention:
            for resnet, attention in zip(self.resnets, self.attentions):
                x = resnet(torch.cat([x, skips.pop()], dim=1), temb)
                x = attention(x, e_total, e_center, e_surround, mask)
        else:
            for resnet in self.resnets:
                x = resnet(torch.cat([x, skips.pop()], dim=1), temb)
        for upsampler in self.upsamplers:
            x = upsampler(x)
        return x


class MidBlock(nn.Module):
    """`UNetMidBlock2DCrossAttn`: resnet, transformer, resnet."""

    def __init__(self, channels: int, temb_channels: int, config: UNetConfig):
        super().__init__()
        self.resnets = nn.ModuleList([
            ResnetBlock2D(channels, channels, temb_channels, config.norm_num_groups,
                          config.norm_eps)
            for _ in range(2)])
        self.attentions = nn.ModuleList([
            Transformer2D(channels, config.attention_heads, config.cross_attention_dim,
                          config.norm_num_groups, config.use_linear_projection)])

    def forward(self, x: Tensor, temb: Tensor, e_total: Tensor, e_center: Tensor,
                e_surround: Tensor, mask: Tensor) -> Tensor:
        x = self.resnets[0](x, temb)
        for attention in self.attentions:
            x = attention(x, e_total, e_center, e_surround, mask)
        return self.resnets[1](x, temb)


class VipUNet(nn.Module):
    """Inpainting UNet whose cross-attention transformer blocks are C-T-S blocks.

    forward(sample [B, 2C+1, h, w], timestep int64 [B], e_total/e_center/e_surround
    [B, L, D], mask [B, 1, h, w] with 1 = generate) -> model output [B, C, h, w].
    """

    def __init__(self, config: UNetConfig):
        super().__init__()
        channels = list(config.block_out_channels)
        temb_channels = channels[0] * 4
        self.time_channels = channels[0]

        self.conv_in = nn.Conv2d(config.in_channels, channels[0], 3, padding=1)
        self.time_embedding = TimestepEmbedding(channels[0], temb_channels)

        down_blocks = []
        out_channels = channels[0]
        for i, block_type in enumerate(config.down_block_types):
            in_channels, out_channels = out_channels, channels[i]
            down_blocks.append(DownBlock(
                in_channels, out_channels, temb_channels, config.layers_per_block,
                with_attention=_has_attention(block_type),
                downsample=i < len(channels) - 1, config=config))
        self.down_blocks = nn.ModuleList(down_blocks)

        self.mid_block = MidBlock(channels[-1], temb_channels, config)

        up_blocks = []
        reversed_channels = channels[::-1]
        out_channels = reversed_channels[0]
        for i, block_type in enumerate(config.up_block_types):
            prev_channels, out_channels = out_channels, reversed_channels[i]
            in_channels = reversed_channels[min(i + 1, len(channels) - 1)]
            up_blocks.append(UpBlock(
                in_channels, prev_channels, out_channels, temb_channels,
                config.layers_per_block + 1, with_attention=_has_attention(block_type),
                upsample=i < len(channels) - 1, config=config))
        self.up_blocks = nn.ModuleList(up_blocks)

        self.conv_norm_out = nn.GroupNorm(config.norm_num_groups, channels[0],
                                          eps=config.norm_eps)
        self.conv_out = nn.Conv2d(channels[0], config.out_channels, 3, padding=1)

    def forward(self, sample: Tensor, timestep: Tensor, e_total: Tensor, e_center: Tensor,
                e_surround: Tensor, mask: Tensor) -> Tensor:
        temb = self.time_embedding(timestep_embedding(timestep, self.time_channels))

        x = self.conv_in(sample)
        skips: List[Tensor] = [x]
        for block in self.down_blocks:
            x, block_skips = block(x, temb, e_total, e_center, e_surround, mask)
            skips.extend(block_skips)

        x = self.mid_block(x, temb, e_total, e_center, e_surround, mask)

        for block in self.up_blocks:
            x = block(x, skips, temb, e_total, e_center, e_surround, mask)

        return self.conv_out(F.silu(self.conv_norm_out(x)))

    def cts_blocks(self) -> List[CTSBlock]:
        return [module for module in self.modules() if isinstance(module, CTSBlock)]

    def clone_cts_copies(self) -> None:
        """Copy every base block into its center and surround copies (after loading a base)."""
        for block in self.cts_blocks():
            block.clone_copies_from_total()


def _has_attention(block_type: str) -> bool:
    if block_type.startswith("CrossAttn"):
        return True
    if block_type in ("DownBlock2D", "UpBlock2D"):
        return False
    raise ValueError(f"unknown UNet block type {block_type!r}")
