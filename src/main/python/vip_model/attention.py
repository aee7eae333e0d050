"""Transformer parts of the UNet in the Stable Diffusion 1.5 layout (diffusers module names),
and the C-T-S block that pairs each transformer block with a center and a surround copy."""

import copy
from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .layers import Linear


class Attention(nn.Module):
    """Multi-head attention: self-attention when `context` is None, else cross-attention."""

    def __init__(self, query_dim: int, heads: int, context_dim: Optional[int] = None,
                 bias: bool = False):
        super().__init__()
        if query_dim % heads != 0:
            raise ValueError(f"query_dim {query_dim} must be divisible by heads {heads}")
        kv_dim = query_dim if context_dim is None else context_dim
        self.heads = heads
        self.scale = (query_dim // heads) ** -0.5
        self.to_q = Linear(query_dim, query_dim, bias=bias)
        self.to_k = Linear(kv_dim, query_dim, bias=bias)
        self.to_v = Linear(kv_dim, query_dim, bias=bias)
        # A ModuleList keeps the diffusers key `to_out.0` (index 1 was dropout there).
        self.to_out = nn.ModuleList([Linear(query_dim, query_dim)])

    def forward(self, hidden: Tensor, context: Optional[Tensor] = None) -> Tensor:
        """hidden [B, N, C], context [B, L, C_ctx] or None -> [B, N, C]."""
        source = hidden if context is None else context
        batch, tokens, channels = hidden.shape
        head_dim = channels // self.heads

        q = self.to_q(hidden).reshape(batch, tokens, self.heads, head_dim).transpose(1, 2)
        k = self.to_k(source).reshape(batch, -1, self.heads, head_dim).transpose(1, 2)
        v = self.to_v(source).reshape(batch, -1, self.heads, head_dim).transpose(1, 2)

        weights = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) * self.scale, dim=-1)
        out = torch.matmul(weights, v).transpose(1, 2).reshape(batch, tokens, channels)
        for layer in self.to_out:
            out = layer(out)
        return out


class GEGLU(nn.Module):
    def __init__(self, dim_in: int, dim_out: int):
        super().__init__()
        self.proj = Linear(dim_in, dim_out * 2)

    def forward(self, x: Tensor) -> Tensor:
        value, gate = self.proj(x).chunk(2, dim=-1)
        return value * F.gelu(gate)


class FeedForward(nn.Module):
    """GEGLU feed-forward with the diffusers keys `net.0.proj` and `net.2`."""

    def __init__(self, dim: int, mult: int = 4):
        super().__init__()
        inner = dim * mult
        self.net = nn.ModuleList([GEGLU(dim, inner), nn.Identity(), Linear(inner, dim)])

    def forward(self, x: Tensor) -> Tensor:
        for layer in self.net:
            x = layer(x)
        return x


class BasicTransformerBlock(nn.Module):
    """Self-attention, cross-attention and feed-forward, each pre-normed and residual."""

    def __init__(self, dim: int, heads: int, context_dim: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn1 = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.attn2 = Attention(dim, heads, context_dim=context_dim)
        self.norm3 = nn.LayerNorm(dim)
        self.ff = FeedForward(dim)

    def forward(self, hidden: Tensor, context: Tensor) -> Tensor:
        hidden = hidden + self.attn1(self.norm1(hidden))
        hidden = hidden + self.attn2(self.norm2(hidden), context)
        return hidden + self.ff(self.norm3(hidden))


class CTSBlock(nn.Module):
    """A transformer block `total` with its `center` and `surround` copies and one gate.

    out = (1 − a)·T(h, e_total) + a·(T_center(h, e_center)·(1 − M) + T_surround(h, e_surround)·M)

    M is the generation mask (1 = generate) resized by nearest neighbour to this block's
    resolution, and `a` (the `gate`) starts at 0, so an untrained block equals the base block.
    """

    def __init__(self, base: BasicTransformerBlock):
        super().__init__()
        self.total = base
        self.center = copy.deepcopy(base)
        self.surround = copy.deepcopy(base)
        self.gate = nn.Parameter(torch.zeros(()))

    def clone_copies_from_total(self) -> None:
        """Copy the base weights into both copies, as after loading a base checkpoint."""
        self.center.load_state_dict(self.total.state_dict())
        self.surround.load_state_dict(self.total.state_dict())

    def forward(self, hidden: Tensor, e_total: Tensor, e_center: Tensor, e_surround: Tensor,
                mask_tokens: Tensor) -> Tensor:
        """hidden [B, N, C]; embeddings [B, L, D]; mask_tokens [B, N, 1], 1 = generate."""
        out_total = self.total(hidden, e_total)
        out_center = self.center(hidden, e_center)
        out_surround = self.surround(hidden, e_surround)
        spatial = out_center * (1.0 - mask_tokens) + out_surround * mask_tokens
        return (1.0 - self.gate) * out_total + self.gate * spatial


class Transformer2D(nn.Module):
    """GroupNorm, projection in, C-T-S blocks over the flattened pixels, projection out,
    residual; the diffusers `Transformer2DModel` layout with one block."""

    def __init__(self, channels: int, heads: int, context_dim: int, norm_groups: int,
                 use_linear_projection: bool):
        super().__init__()
        self.use_linear_projection = use_linear_projection
        self.norm = nn.GroupNorm(norm_groups, channels, eps=1e-6)
        if use_linear_projection:
            self.proj_in = Linear(channels, channels)
            self.proj_out = Linear(channels, channels)
        else:
            self.proj_in = nn.Conv2d(channels, channels, kernel_size=1)
            self.proj_out = nn.Conv2d(channels, channels, kernel_size=1)
        self.transformer_blocks = nn.ModuleList(
            [CTSBlock(BasicTransformerBlock(channels, heads, context_dim))])

    def forward(self, x: Tensor, e_total: Tensor, e_center: Tensor, e_surround: Tensor,
                mask: Tensor) -> Tensor:
        """x [B, C, h, w]; mask [B, 1, H_lat, W_lat] at latent resolution -> [B, C, h, w]."""
        batch, channels, height, width = x.shape
        residual = x

        # Nearest resize keeps the mask binary at every block resolution.
        mask_tokens = F.interpolate(mask, size=(height, width), mode="nearest")
        mask_tokens = mask_tokens.reshape(batch, 1, height * width).transpose(1, 2)

        hidden = self.norm(x)
        if self.use_linear_projection:
            hidden = hidden.permute(0, 2, 3, 1).reshape(batch, height * width, channels)
            hidden = self.proj_in(hidden)
        else:
            hidden = self.proj_in(hidden)
            hidden = hidden.permute(0, 2, 3, 1).reshape(batch, height * width, channels)

        for block in self.transformer_blocks:
            hidden = block(hidden, e_total, e_center, e_surround, mask_tokens)

        if self.use_linear_projection:
            hidden = self.proj_out(hidden)
            hidden = hidden.reshape(batch, height, width, channels).permute(0, 3, 1, 2)
        else:
            hidden = hidden.reshape(batch, height, width, channels).permute(0, 3, 1, 2)
            hidden = self.proj_out(hidden)
        return hidden + residual
