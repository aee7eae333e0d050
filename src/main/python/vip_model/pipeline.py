"""Inpainting with classifier-free guidance over any callables with the bundle's signatures
(eager modules or loaded TorchScript), so the exporter records exactly what the bundle does."""

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import torch
import torch.nn.functional as F
from torch import Tensor

from .schedule import DpmSolverPP2M, NoiseSchedule, ddim_step, inference_timesteps


@dataclass
class Prompts:
    center: str
    surrounding: str
    total: str


@dataclass
class SamplingRun:
    timesteps: List[int]
    noise: Tensor  # initial latents [1, C, h, w]
    latents: List[Tensor] = field(default_factory=list)  # after each step
    decoded: Optional[Tensor] = None


@dataclass
class InpaintInputs:
    mask_latent: Tensor  # [1, 1, h, w], 1 = generate
    masked_image_latents: Tensor  # [1, C, h, w]


def prepare_inpaint(vae_encoder: Callable, image: Tensor, mask: Tensor,
                    downsample_factor: int) -> InpaintInputs:
    """image [1, 3, H, W] in [-1, 1]; mask [1, 1, H, W] with 1 = generate.

    The generated area of the canvas is set to 0 (mid grey) before encoding, and the mask is
    resized to the latent grid by nearest neighbour, as in the Stable Diffusion inpainting
    pipeline.
    """
    masked_image = image * (1.0 - mask)
    height, width = image.shape[2] // downsample_factor, image.shape[3] // downsample_factor
    mask_latent = F.interpolate(mask, size=(height, width), mode="nearest")
    return InpaintInputs(mask_latent, vae_encoder(masked_image))


def encode_prompts(text_encoder: Callable, encode_ids: Callable[[List[str]], Tensor],
                   prompts: Prompts) -> Dict[str, Tensor]:
    """Embeddings [2, L, D] per branch, unconditional row (empty strings) first."""
    texts = ["", "", "", prompts.total, prompts.center, prompts.surrounding]
    hidden = text_encoder(encode_ids(texts))
    return {
        "total": torch.stack([hidden[0], hidden[3]]),
        "center": torch.stack([hidden[1], hidden[4]]),
        "surround": torch.stack([hidden[2], hidden[5]]),
    }


def guided_output(unet: Callable, latents: Tensor, timestep: int, inputs: InpaintInputs,
                  embeddings: Dict[str, Tensor], guidance_scale: float) -> Tensor:
    """uncond + g·(cond − uncond) from one UNet call on the doubled batch."""
    doubled = torch.cat([latents, latents])
    mask = torch.cat([inputs.mask_latent, inputs.mask_latent])
    masked = torch.cat([inputs.masked_image_latents, inputs.masked_image_latents])
    sample = torch.cat([doubled, mask, masked], dim=1)  # [2, 2C+1, h, w]
    timesteps = torch.full((2,), timestep, dtype=torch.int64)
    output = unet(sample, timesteps, embeddings["total"], embeddings["center"],
                  embeddings["surround"], mask)
    uncond, cond = output.chunk(2)
    return uncond + guidance_scale * (cond - uncond)


def sample_ddim(unet: Callable, vae_decoder: Callable, schedule: NoiseSchedule,
                inputs: InpaintInputs, embeddings: Dict[str, Tensor], noise: Tensor, steps: int,
                guidance_scale: float, timestep_spacing: str = "leading",
                steps_offset: int = 1, eta: float = 0.0,
                generator: Optional[torch.Generator] = None) -> SamplingRun:
    """Run DDIM. DDIM's initial noise sigma is 1, so `noise` is x_T.

    eta = 0 is deterministic. eta > 0 adds fresh noise from `generator` at every step, and
    eta = 1 is DDPM-like ancestral sampling. The tiny model needs eta = 1, because a
    deterministic run keeps its errors at middle noise levels as pixel noise in the result.
    """
    if eta > 0 and generator is None:
        raise ValueError("sample_ddim with eta > 0 needs a generator for the step noise")
    timesteps = inference_timesteps(schedule.num_train_timesteps, steps, timestep_spacing,
                                    steps_offset)
    run = SamplingRun(timesteps=timesteps, noise=noise)
    ratio = schedule.num_train_timesteps // steps
    latents = noise
    with torch.no_grad():
        for timestep in timesteps:
            output = guided_output(unet, latents, timestep, inputs, embeddings, guidance_scale)
            step_noise = (torch.randn(latents.shape, generator=generator, dtype=latents.dtype)
                          if eta > 0 else None)
            latents = ddim_step(schedule, output, timestep, timestep - ratio, latents, eta,
                                step_noise)
            run.latents.append(latents)
        run.decoded = vae_decoder(latents)
    return run


def sample_dpm_solver(unet: Callable, vae_decoder: Callable, schedule: NoiseSchedule,
                      inputs: InpaintInputs, embeddings: Dict[str, Tensor], noise: Tensor,
                      timesteps: List[int], guidance_scale: float) -> SamplingRun:
    solver = DpmSolverPP2M(schedule, timesteps)
    run = SamplingRun(timesteps=timesteps, noise=noise)
    latents = noise
    with torch.no_grad():
        for index, timestep in enumerate(timesteps):
            output = guided_output(unet, latents, timestep, inputs, embeddings, guidance_scale)
            latents = solver.step(index, output, latents)
            run.latents.append(latents)
        run.decoded = vae_decoder(latents)
    return run
