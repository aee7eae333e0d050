"""The pieces of a training step: batches with random masks and prompt dropout, the
diffusion loss, trainable-parameter selection per regime, and EMA weights."""

import random
from dataclasses import dataclass
from typing import Dict, List, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .data import OutpaintDataset
from .masks import random_outpaint_mask
from .model import VipModel
from .tokenizer import WordTokenizer, total_prompt

REGIMES = ("full", "cts")
BRANCH_PROMPTS = ("own", "total")


@dataclass
class Batch:
    images: Tensor  # [B, 3, H, W] in [-1, 1]
    masks: Tensor  # [B, 1, H, W], 1 = generate
    ids_total: Tensor  # int64 [B, L]
    ids_center: Tensor
    ids_surround: Tensor


def make_batch(dataset: OutpaintDataset, indices: Sequence[int], tokenizer: WordTokenizer,
               rng: random.Random, prompt_dropout: float) -> Batch:
    """Build crops, random outpainting masks and prompt ids. With probability `prompt_dropout`
    a row gets empty strings for all three prompts, the unconditional input of guidance."""
    images, masks, totals, centers, surrounds = [], [], [], [], []
    for index in indices:
        image, center, surrounding = dataset.sample(index, rng)
        images.append(image)
        masks.append(random_outpaint_mask(dataset.height, dataset.width, rng))
        if rng.random() < prompt_dropout:
            center, surrounding, total = "", "", ""
        else:
            total = total_prompt(center, surrounding)
        totals.append(tokenizer.encode(total))
        centers.append(tokenizer.encode(center))
        surrounds.append(tokenizer.encode(surrounding))
    as_ids = lambda rows: torch.tensor(rows, dtype=torch.int64)  # noqa: E731
    return Batch(torch.stack(images), torch.stack(masks), as_ids(totals), as_ids(centers),
                 as_ids(surrounds))


def diffusion_loss(model: VipModel, batch: Batch, noise: Tensor, timesteps: Tensor,
                   branch_prompts: str = "own") -> Tensor:
    """MSE between the UNet output and the schedule's target (ε or v) over the whole latent.

    noise [B, C, h, w] and timesteps int64 [B] are passed in so a test can fix them.
    branch_prompts = "total" feeds the total prompt to all three branches (the ablation
    without space-aware conditioning).
    """
    if branch_prompts not in BRANCH_PROMPTS:
        raise ValueError(f"branch_prompts must be one of {BRANCH_PROMPTS}, got {branch_prompts!r}")
    config = model.config
    encoder = model.autoencoder.encoder_module()

    # 1. Latents of the image and of the masked canvas. The autoencoder is never trained.
    with torch.no_grad():
        latents = encoder(batch.images)
        masked_latents = encoder(batch.images * (1.0 - batch.masks))
    height, width = latents.shape[2], latents.shape[3]
    mask_latent = F.interpolate(batch.masks, size=(height, width), mode="nearest")

    # 2. Prompt embeddings [B, L, D] per branch.
    if branch_prompts == "total":
        e_total = model.text_encoder(batch.ids_total)
        e_center = e_surround = e_total
    else:
        ids = torch.cat([batch.ids_total, batch.ids_center, batch.ids_surround])
        e_total, e_center, e_surround = model.text_encoder(ids).chunk(3)

    # 3. Noise, predict, compare.
    noisy = model.schedule.add_noise(latents, noise, timesteps)
    sample = torch.cat([noisy, mask_latent, masked_latents], dim=1)
    output = model.unet(sample, timesteps, e_total, e_center, e_surround, mask_latent)
    target = model.schedule.training_target(latents, noise, timesteps)
    if output.shape[1] != config.latent_channels:
        raise RuntimeError(f"UNet returned {output.shape[1]} channels, "
                           f"expected {config.latent_channels}")
    return F.mse_loss(output, target)


def select_trainable(model: VipModel, regime: str, train_text_encoder: bool) -> List[nn.Parameter]:
    """Set requires_grad per regime and return the trainable parameters.

    full: every UNet weight (base blocks, C-T-S copies and gates), plus the text encoder when
    train_text_encoder is set. cts: only the center/surround copies and the gates.
    """
    if regime not in REGIMES:
        raise ValueError(f"regime must be one of {REGIMES}, got {regime!r}")
    for parameter in model.parameters():
        parameter.requires_grad_(False)

    if regime == "full":
        modules: List[nn.Module] = [model.unet]
        if train_text_encoder:
            modules.append(model.text_encoder)
        for module in modules:
            for parameter in module.parameters():
                parameter.requires_grad_(True)
    else:
        for block in model.unet.cts_blocks():
            for parameter in list(block.center.parameters()) + list(block.surround.parameters()):
                parameter.requires_grad_(True)
            block.gate.requires_grad_(True)
    return [parameter for parameter in model.parameters() if parameter.requires_grad]


class ExponentialMovingAverage:
    """EMA of the trainable parameters, with the decay ramped up as min(decay, (1 + n)/(10 + n))."""

    def __init__(self, model: nn.Module, decay: float):
        if not 0.0 <= decay < 1.0:
            raise ValueError(f"ema decay must be in [0, 1), got {decay}")
        self.decay = decay
        self.updates = 0
        self.shadow: Dict[str, Tensor] = {name: value.detach().clone()
                                          for name, value in model.state_dict().items()}

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        self.updates += 1
        decay = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for name, parameter in model.named_parameters():
            if parameter.requires_grad:
                self.shadow[name].mul_(decay).add_(parameter.detach(), alpha=1 - decay)

    def state_dict(self) -> Dict:
        return {"decay": self.decay, "updates": self.updates, "shadow": self.shadow}

    def load_state_dict(self, state: Dict, device: str = "cpu") -> None:
        self.decay = state["decay"]
        self.updates = state["updates"]
        self.shadow = {name: value.to(device) for name, value in state["shadow"].items()}
