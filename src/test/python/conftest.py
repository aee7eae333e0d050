import os
import sys
from pathlib import Path

# Before torch loads: OpenBLAS keeps its own thread pool outside torch.set_num_threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "main" / "python"))
torch.set_num_threads(1)

from vip_model.config import (AutoencoderConfig, ModelConfig, SamplingDefaults,  # noqa: E402
                              ScheduleConfig, TextEncoderConfig, UNetConfig, tiny)


def reduced_sd15() -> ModelConfig:
    """The Stable Diffusion 1.5 inpainting layout (block types, KL autoencoder, f = 8, C = 4)
    with reduced widths, so tests run in seconds. The width ratios follow SD 1.5 (c, 2c, 4c,
    4c), so the same blocks get shortcut convolutions and the key names match exactly."""
    return ModelConfig(
        name="reduced-sd15",
        unet=UNetConfig(block_out_channels=(32, 64, 128, 128), attention_heads=2,
                        cross_attention_dim=32, norm_num_groups=8),
        text=TextEncoderConfig(vocab_size=100, hidden_size=32, num_layers=2, num_heads=2,
                               intermediate_size=64, max_length=8),
        autoencoder=AutoencoderConfig(block_out_channels=(8, 16, 32, 32), norm_num_groups=4),
        schedule=ScheduleConfig(),
        defaults=SamplingDefaults(),
        resolution=(64, 64),
    )


@pytest.fixture
def tiny_config() -> ModelConfig:
    return tiny(vocab_size=50, max_length=16)


@pytest.fixture
def sd15_config() -> ModelConfig:
    return reduced_sd15()
