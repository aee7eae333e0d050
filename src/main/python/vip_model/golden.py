"""Reference tensors for the Java parity tests (`golden/` in the bundle).

Every tensor is a raw little-endian file named in `golden/index.json`, together with its
dtype and shape. The values come from the exported TorchScript modules, so they are what the
bundle computes.
"""

import json
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import numpy as np
import torch
from torch import Tensor

from .config import ModelConfig
from .pipeline import (InpaintInputs, Prompts, encode_prompts, prepare_inpaint,
                       sample_ddim, sample_dpm_solver)
from .schedule import NoiseSchedule, inference_timesteps
from .tokenizer import total_prompt

GOLDEN_PROMPTS = Prompts(
    center="a red house with a white door",
    surrounding="green grass and trees under a blue sky",
    total=total_prompt("a red house with a white door",
                       "green grass and trees under a blue sky"))

_DTYPES = {torch.float32: ("float32", "<f4"), torch.int64: ("int64", "<i8")}


class GoldenWriter:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.index: Dict = {"tensors": {}}

    def tensor(self, name: str, value: Tensor) -> None:
        value = value.detach().cpu().contiguous()
        if value.dtype not in _DTYPES:
            raise ValueError(f"golden tensor {name} has unsupported dtype {value.dtype}")
        dtype_name, numpy_dtype = _DTYPES[value.dtype]
        file_name = f"{name}.bin"
        (self.directory / file_name).write_bytes(value.numpy().astype(numpy_dtype).tobytes())
        self.index["tensors"][name] = {"file": file_name, "dtype": dtype_name,
                                       "shape": list(value.shape)}

    def close(self) -> None:
        (self.directory / "index.json").write_text(json.dumps(self.index, indent=1) + "\n",
                                                   encoding="utf-8")


def golden_canvas(height: int, width: int, generator: torch.Generator):
    """Return a smooth synthetic photo [1, 3, H, W] in [-1, 1] and an all-around mask
    [1, 1, H, W] that keeps the middle half (1 = generate)."""
    ys = torch.linspace(-1, 1, height)[:, None].expand(height, width)
    xs = torch.linspace(-1, 1, width)[None, :].expand(height, width)
    image = torch.stack([0.8 * xs, 0.8 * ys, 0.5 * torch.sin(3 * xs * ys)])[None]
    image = (image + 0.05 * torch.randn(image.shape, generator=generator)).clamp(-1, 1)
    mask = torch.ones(1, 1, height, width)
    mask[:, :, height // 4: height - height // 4, width // 4: width - width // 4] = 0
    return image, mask


def write_golden(directory: Path, config: ModelConfig, modules: Dict[str, Callable],
                 encode_ids: Callable[[List[str]], Tensor], seed: int, steps: int,
                 with_dpm_solver: bool, resolution: Tuple[int, int]) -> None:
    """modules: text_encoder, unet, vae_encoder, vae_decoder (loaded TorchScript)."""
    writer = GoldenWriter(directory)
    generator = torch.Generator().manual_seed(seed)
    width, height = resolution
    factor = config.autoencoder.downsample_factor
    latent_height, latent_width = height // factor, width // factor
    channels = config.latent_channels
    schedule = NoiseSchedule(config.schedule)
    guidance_scale = config.defaults.guidance_scale

    writer.tensor("schedule.alphas_cumprod", schedule.alphas_cumprod.to(torch.float32))

    # 1. Tokenizer: empty text, the golden prompts, an unknown word, and a text longer than
    #    the max length (truncation).
    texts = ["", GOLDEN_PROMPTS.center, GOLDEN_PROMPTS.surrounding, GOLDEN_PROMPTS.total,
             "A Zebra-like QUUX, near the sea.", " ".join(["sky"] * (config.text.max_length + 5))]
    writer.index["texts"] = texts
    writer.tensor("tokenizer.ids", encode_ids(texts))

    with torch.no_grad():
        # 2. Text encoder on the first four texts.
        input_ids = encode_ids(texts[:4])
        writer.tensor("text_encoder.input_ids", input_ids)
        hidden = modules["text_encoder"](input_ids)
        writer.tensor("text_encoder.output", hidden)

        # 3. Autoencoder halves on the synthetic canvas.
        image, mask = golden_canvas(height, width, generator)
        writer.tensor("vae_encoder.image", image)
        latents = modules["vae_encoder"](image)
        writer.tensor("vae_encoder.output", latents)
        writer.tensor("vae_decoder.latents", latents)
        writer.tensor("vae_decoder.output", modules["vae_decoder"](latents))

        # 4. One UNet call on a batch of two with different timesteps and prompts.
        inputs = prepare_inpaint(modules["vae_encoder"], image, mask, factor)
        noisy = torch.randn((2, channels, latent_height, latent_width), generator=generator)
        mask2 = torch.cat([inputs.mask_latent, inputs.mask_latent])
        sample = torch.cat([noisy, mask2, torch.cat([inputs.masked_image_latents] * 2)], dim=1)
        timestep = torch.tensor([981, 21], dtype=torch.int64)
        e_total, e_center, e_surround = hidden[[0, 3]], hidden[[0, 1]], hidden[[0, 2]]
        for name, value in [("sample", sample), ("timestep", timestep), ("e_total", e_total),
                            ("e_center", e_center), ("e_surround", e_surround),
                            ("mask", mask2)]:
            writer.tensor(f"unet.{name}", value)
        writer.tensor("unet.output",
                      modules["unet"](sample, timestep, e_total, e_center, e_surround, mask2))

    # 5. A complete DDIM run with classifier-free guidance.
    embeddings = encode_prompts(modules["text_encoder"], encode_ids, GOLDEN_PROMPTS)
    noise_generator = torch.Generator().manual_seed(seed)
    noise = torch.randn((1, channels, latent_height, latent_width), generator=noise_generator)
    ddim = sample_ddim(modules["unet"], modules["vae_decoder"], schedule, inputs, embeddings,
                       noise, steps, guidance_scale, config.defaults.timestep_spacing,
                       config.defaults.steps_offset)
    _write_run(writer, "ddim", image, mask, inputs, ddim)
    writer.index["ddim"] = {
        "seed": seed, "noise": "torch.randn(1, C, h, w) from torch.Generator().manual_seed(seed)",
        "steps": steps, "guidance_scale": guidance_scale, "eta": 0.0,
        "timestep_spacing": config.defaults.timestep_spacing,
        "steps_offset": config.defaults.steps_offset, "set_alpha_to_one": False,
        "prediction_type": config.schedule.prediction_type,
        "center": GOLDEN_PROMPTS.center, "surrounding": GOLDEN_PROMPTS.surrounding,
        "total": GOLDEN_PROMPTS.total, "timesteps": ddim.timesteps}

    # 6. DPM-Solver++(2M) from the same noise over the same timesteps.
    if with_dpm_solver:
        dpm = sample_dpm_solver(modules["unet"], modules["vae_decoder"], schedule, inputs,
                                embeddings, noise, ddim.timesteps, guidance_scale)
        _write_run(writer, "dpm_solver", image, mask, inputs, dpm)
        writer.index["dpm_solver"] = {
            "algorithm": "DPM-Solver++(2M), midpoint form, data prediction",
            "first_step": "first order", "last_step": "first order to sigma 0, returns x0",
            "seed": seed, "steps": steps, "guidance_scale": guidance_scale,
            "center": GOLDEN_PROMPTS.center, "surrounding": GOLDEN_PROMPTS.surrounding,
            "total": GOLDEN_PROMPTS.total, "timesteps": dpm.timesteps}
    writer.close()


def _write_run(writer: GoldenWriter, prefix: str, image: Tensor, mask: Tensor,
               inputs: InpaintInputs, run) -> None:
    writer.tensor(f"{prefix}.image", image)
    writer.tensor(f"{prefix}.mask", mask)
    writer.tensor(f"{prefix}.mask_latent", inputs.mask_latent)
    writer.tensor(f"{prefix}.masked_image_latents", inputs.masked_image_latents)
    writer.tensor(f"{prefix}.noise", run.noise)
    for index, latents in enumerate(run.latents):
        writer.tensor(f"{prefix}.latents.{index}", latents)
    writer.tensor(f"{prefix}.decoded", run.decoded)
