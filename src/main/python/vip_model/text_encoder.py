"""CLIP-style causal text encoder (module names of transformers' `CLIPTextModel`, without
the `text_model.` prefix)."""

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .config import TextEncoderConfig
from .layers import Linear


class CLIPAttention(nn.Module):
    def __init__(self, hidden: int, heads: int):
        super().__init__()
        self.heads = heads
        self.scale = (hidden // heads) ** -0.5
        self.q_proj = Linear(hidden, hidden)
        self.k_proj = Linear(hidden, hidden)
        self.v_proj = Linear(hidden, hidden)
        self.out_proj = Linear(hidden, hidden)

    def forward(self, x: Tensor, causal_bias: Tensor) -> Tensor:
        """x [B, L, D]; causal_bias [L, L] with a large negative value above the diagonal."""
        batch, length, hidden = x.shape
        head_dim = hidden // self.heads
        q = self.q_proj(x).reshape(batch, length, self.heads, head_dim).transpose(1, 2)
        k = self.k_proj(x).reshape(batch, length, self.heads, head_dim).transpose(1, 2)
        v = self.v_proj(x).reshape(batch, length, self.heads, head_dim).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * self.scale + causal_bias
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out_proj(out.transpose(1, 2).reshape(batch, length, hidden))


class CLIPMLP(nn.Module):
    def __init__(self, hidden: int, intermediate: int, activation: str):
        super().__init__()
        if activation not in ("quick_gelu", "gelu"):
            raise ValueError(f"text activation must be 'quick_gelu' or 'gelu', got {activation!r}")
        self.quick_gelu = activation == "quick_gelu"
        self.fc1 = Linear(hidden, intermediate)
        self.fc2 = Linear(intermediate, hidden)

    def forward(self, x: Tensor) -> Tensor:
        x = self.fc1(x)
        if self.quick_gelu:
            x = x * torch.sigmoid(1.702 * x)
        else:
            x = F.gelu(x)
        return self.fc2(x)


class CLIPEncoderLayer(nn.Module):
    def __init__(self, config: TextEncoderConfig):
        super().__init__()
        self.layer_norm1 = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.self_attn = CLIPAttention(config.hidden_size, config.num_heads)
        self.layer_norm2 = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.mlp = CLIPMLP(config.hidden_size, config.intermediate_size, config.activation)

    def forward(self, x: Tensor, causal_bias: Tensor) -> Tensor:
        x = x + self.self_attn(self.layer_norm1(x), causal_bias)
        return x + self.mlp(self.layer_norm2(x))


class CLIPEmbeddings(nn.Module):
    def __init__(self, config: TextEncoderConfig):
        super().__init__()
        self.token_embedding = nn.Embedding(config.vocab_size, config.hidden_size)
        self.position_embedding = nn.Embedding(config.max_length, config.hidden_size)

    def forward(self, input_ids: Tensor) -> Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        return self.token_embedding(input_ids) + self.position_embedding(positions)[None]


class CLIPEncoder(nn.Module):
    def __init__(self, config: TextEncoderConfig):
        super().__init__()
        self.layers = nn.ModuleList([CLIPEncoderLayer(config) for _ in range(config.num_layers)])

    def forward(self, x: Tensor, causal_bias: Tensor) -> Tensor:
        for layer in self.layers:
            x = layer(x, causal_bias)
        return x


class TextEncoder(nn.Module):
    """forward(input_ids int64 [B, L]) -> last hidden state after the final layer norm
    [B, L, D]. Each position attends to itself and earlier positions only."""

    def __init__(self, config: TextEncoderConfig):
        super().__init__()
        self.max_length = config.max_length
        self.embeddings = CLIPEmbeddings(config)
        self.encoder = CLIPEncoder(config)
        self.final_layer_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)

    def forward(self, input_ids: Tensor) -> Tensor:
        length = input_ids.shape[1]
        hidden = self.embeddings(input_ids)
        # A finite large negative value instead of -inf keeps softmax free of NaN.
        causal_bias = torch.full((length, length), -1e9, device=input_ids.device).triu(1)
        hidden = self.encoder(hidden, causal_bias)
        return self.final_layer_norm(hidden)
