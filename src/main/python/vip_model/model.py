"""The full VIP model: text encoder, C-T-S UNet, autoencoder and noise schedule."""

from typing import Optional

import torch
from torch import nn

from .autoencoder import build_autoencoder
from .config import ModelConfig
from .schedule import NoiseSchedule
from .text_encoder import TextEncoder
from .unet import VipUNet


class VipModel(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        config.validate()
        self.config = config
        self.text_encoder = TextEncoder(config.text)
        self.unet = VipUNet(config.unet)
        self.autoencoder = build_autoencoder(config.autoencoder)
        self.schedule = NoiseSchedule(config.schedule)


def build_model(config: ModelConfig, seed: Optional[int] = None) -> VipModel:
    """Build a randomly initialised model whose C-T-S copies equal their base blocks."""
    if seed is not None:
        torch.manual_seed(seed)
    model = VipModel(config)
    model.unet.clone_cts_copies()
    return model
