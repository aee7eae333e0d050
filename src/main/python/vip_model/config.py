"""Model configurations.

Every size of every module is a field here, so one code path serves Stable Diffusion 1.5
inpainting (`sd15-inpaint`) and the small model trained on CPU (`tiny`). A config is saved
as a plain dict in checkpoints and rebuilt with `ModelConfig.from_dict`.
"""

from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple


@dataclass
class UNetConfig:
    # in_channels = 2·latent channels + 1 (noisy latents ⊕ mask ⊕ masked-image latents)
    in_channels: int = 9
    out_channels: int = 4
    block_out_channels: Tuple[int, ...] = (320, 640, 1280, 1280)
    down_block_types: Tuple[str, ...] = (
        "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D")
    up_block_types: Tuple[str, ...] = (
        "UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D")
    layers_per_block: int = 2
    attention_heads: int = 8
    cross_attention_dim: int = 768
    norm_num_groups: int = 32
    norm_eps: float = 1e-5
    # SD 1.5 uses 1x1 convolutions for proj_in/proj_out, and SD 2 uses linear layers.
    use_linear_projection: bool = False

    @property
    def total_downsampling(self) -> int:
        return 2 ** (len(self.block_out_channels) - 1)


@dataclass
class TextEncoderConfig:
    vocab_size: int = 49408
    hidden_size: int = 768
    num_layers: int = 12
    num_heads: int = 12
    intermediate_size: int = 3072
    max_length: int = 77
    activation: str = "quick_gelu"
    layer_norm_eps: float = 1e-5


@dataclass
class AutoencoderConfig:
    kind: str = "kl"  # "kl" or "pixel_unshuffle"
    downsample_factor: int = 8
    latent_channels: int = 4
    scale_factor: float = 0.18215
    # The fields below apply to the KL autoencoder only.
    block_out_channels: Tuple[int, ...] = (128, 256, 512, 512)
    layers_per_block: int = 2
    norm_num_groups: int = 32


@dataclass
class ScheduleConfig:
    num_train_timesteps: int = 1000
    beta_schedule: str = "scaled_linear"  # or "linear"
    beta_start: float = 0.00085
    beta_end: float = 0.012
    prediction_type: str = "epsilon"  # or "v_prediction"


@dataclass
class SamplingDefaults:
    sampler: str = "ddim"
    steps: int = 25
    guidance_scale: float = 7.5
    eta: float = 0.0
    timestep_spacing: str = "leading"
    steps_offset: int = 1


@dataclass
class ModelConfig:
    name: str
    unet: UNetConfig
    text: TextEncoderConfig
    autoencoder: AutoencoderConfig
    schedule: ScheduleConfig
    defaults: SamplingDefaults
    resolution: Tuple[int, int] = (512, 512)  # (width, height) in pixels
    version: str = "0.1.0"

    @property
    def latent_channels(self) -> int:
        return self.autoencoder.latent_channels

    @property
    def multiple_of(self) -> int:
        """Pixel multiple that keeps both the autoencoder and the UNet downsampling exact."""
        return self.autoencoder.downsample_factor * self.unet.total_downsampling

    def to_dict(self) -> Dict:
        return asdict(self)

    @staticmethod
    def from_dict(values: Dict) -> "ModelConfig":
        return ModelConfig(
            name=values["name"],
            unet=UNetConfig(**_tuples(values["unet"])),
            text=TextEncoderConfig(**values["text"]),
            autoencoder=AutoencoderConfig(**_tuples(values["autoencoder"])),
            schedule=ScheduleConfig(**values["schedule"]),
            defaults=SamplingDefaults(**values["defaults"]),
            resolution=tuple(values["resolution"]),
            version=values.get("version", "0.1.0"),
        )

    def validate(self) -> None:
        latent = self.autoencoder.latent_channels
        if self.unet.in_channels != 2 * latent + 1:
            raise ValueError(
                f"unet.in_channels must be 2*latent_channels+1 = {2 * latent + 1}, "
                f"got {self.unet.in_channels}")
        if self.unet.out_channels != latent:
            raise ValueError(
                f"unet.out_channels must equal latent_channels {latent}, got {self.unet.out_channels}")
        if self.autoencoder.kind == "pixel_unshuffle":
            expected = 3 * self.autoencoder.downsample_factor ** 2
            if latent != expected:
                raise ValueError(
                    f"pixel_unshuffle latent_channels must be 3*f^2 = {expected}, got {latent}")
        elif self.autoencoder.kind != "kl":
            raise ValueError(
                f"autoencoder.kind must be 'kl' or 'pixel_unshuffle', got {self.autoencoder.kind!r}")
        if self.unet.cross_attention_dim != self.text.hidden_size:
            raise ValueError(
                f"unet.cross_attention_dim ({self.unet.cross_attention_dim}) must equal "
                f"text.hidden_size ({self.text.hidden_size})")
        for side in self.resolution:
            if side % self.multiple_of != 0:
                raise ValueError(
                    f"resolution {self.resolution} must be a multiple of {self.multiple_of}")


def _tuples(values: Dict) -> Dict:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in values.items()}


def sd15_inpaint() -> ModelConfig:
    """Stable Diffusion 1.5 inpainting (runwayml/stable-diffusion-inpainting layout)."""
    return ModelConfig(
        name="vip-sd15-inpaint",
        unet=UNetConfig(),
        text=TextEncoderConfig(),
        autoencoder=AutoencoderConfig(),
        schedule=ScheduleConfig(),
        defaults=SamplingDefaults(),
        resolution=(512, 512),
    )


def tiny(vocab_size: int = 256, max_length: int = 32) -> ModelConfig:
    """Small model for CPU training at 64x64 pixels with a pixel-unshuffle autoencoder.

    The latent is 32x32x12. Attention, and so every C-T-S block, runs at the 8x8 level and in
    the mid block only. Attention at the 16x16 level (256 tokens) made the training step about
    four times slower on one CPU core: 2.6 s instead of 0.66 s for the UNet at batch 16, with
    Debian's torch 1.13 and OpenBLAS.
    """
    factor = 2
    latent = 3 * factor * factor
    return ModelConfig(
        name="vip-tiny",
        unet=UNetConfig(
            in_channels=2 * latent + 1,
            out_channels=latent,
            block_out_channels=(32, 64, 96),
            down_block_types=("DownBlock2D", "DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D", "UpBlock2D"),
            layers_per_block=1,
            attention_heads=4,
            cross_attention_dim=64,
            norm_num_groups=8,
        ),
        text=TextEncoderConfig(
            vocab_size=vocab_size,
            hidden_size=64,
            num_layers=2,
            num_heads=4,
            intermediate_size=256,
            max_length=max_length,
            activation="quick_gelu",
        ),
        autoencoder=AutoencoderConfig(
            kind="pixel_unshuffle", downsample_factor=factor, latent_channels=latent,
            scale_factor=1.0),
        schedule=ScheduleConfig(),
        defaults=SamplingDefaults(steps=25, guidance_scale=4.0),
        resolution=(64, 64),
    )


CONFIGS = {"tiny": tiny, "sd15-inpaint": sd15_inpaint}


def named_config(name: str) -> ModelConfig:
    if name not in CONFIGS:
        raise ValueError(f"unknown config {name!r}; choose one of {sorted(CONFIGS)}")
    return CONFIGS[name]()
