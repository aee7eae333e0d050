"""Random outpainting masks for training, 1 = generate, 0 = keep, shape [1, H, W].

Three families, each leaving a known region inside the image:
- all-around: a border with an independent fraction on each side;
- one or two sides: a band along one side, or along two sides (adjacent or opposite);
- irregular: the border band of one of the above, with random elliptic blobs added and
  removed along its inner edge.
"""

import math
import random
from typing import Tuple

import torch
from torch import Tensor

SIDES = ("left", "right", "top", "bottom")


def _band_mask(height: int, width: int, fractions: dict) -> Tensor:
    """Build a mask whose band along each side covers that side's fraction of the image."""
    mask = torch.zeros(1, height, width)
    left = int(round(fractions.get("left", 0.0) * width))
    right = int(round(fractions.get("right", 0.0) * width))
    top = int(round(fractions.get("top", 0.0) * height))
    bottom = int(round(fractions.get("bottom", 0.0) * height))
    if left:
        mask[:, :, :left] = 1
    if right:
        mask[:, :, width - right:] = 1
    if top:
        mask[:, :top, :] = 1
    if bottom:
        mask[:, height - bottom:, :] = 1
    return mask


def all_around_mask(height: int, width: int, rng: random.Random,
                    fraction_range: Tuple[float, float] = (0.05, 0.3)) -> Tensor:
    fractions = {side: rng.uniform(*fraction_range) for side in SIDES}
    return _band_mask(height, width, fractions)


def sides_mask(height: int, width: int, rng: random.Random,
               fraction_range: Tuple[float, float] = (0.15, 0.5)) -> Tensor:
    count = rng.choice((1, 2))
    chosen = rng.sample(SIDES, count)
    fractions = {side: rng.uniform(*fraction_range) / count for side in chosen}
    return _band_mask(height, width, fractions)


def irregular_mask(height: int, width: int, rng: random.Random) -> Tensor:
    """Build a band mask with a ragged inner edge. Blobs grow the band into the known region
    or cut back into it."""
    base = all_around_mask(height, width, rng) if rng.random() < 0.5 else sides_mask(
        height, width, rng)
    ys = torch.arange(height, dtype=torch.float32)[:, None]
    xs = torch.arange(width, dtype=torch.float32)[None, :]
    mask = base.clone()
    for _ in range(rng.randint(3, 10)):
        center_y, center_x = rng.uniform(0, height), rng.uniform(0, width)
        radius_y = rng.uniform(0.04, 0.15) * height
        radius_x = rng.uniform(0.04, 0.15) * width
        angle = rng.uniform(0, math.pi)
        dy, dx = ys - center_y, xs - center_x
        u = dx * math.cos(angle) + dy * math.sin(angle)
        v = -dx * math.sin(angle) + dy * math.cos(angle)
        inside = (u / radius_x) ** 2 + (v / radius_y) ** 2 <= 1.0
        mask[0][inside] = 1.0 if rng.random() < 0.7 else 0.0
    return mask


def random_outpaint_mask(height: int, width: int, rng: random.Random,
                         max_generated_fraction: float = 0.85) -> Tensor:
    """Draw a mask from a random family until part of the image is both kept and generated.
    After 20 draws it falls back to a 1/8 border on every side."""
    families = (all_around_mask, sides_mask, irregular_mask)
    for _ in range(20):
        mask = rng.choice(families)(height, width, rng)
        generated = mask.mean().item()
        if 0.02 <= generated <= max_generated_fraction:
            return mask
    return _band_mask(height, width, {side: 0.125 for side in SIDES})
