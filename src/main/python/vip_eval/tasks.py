"""Outpainting tasks cut from held-out photos: the real canvas and the mask to fill."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ALL_AROUND = "all-around"
ONE_SIDE = "one-side"
SIDES = ("right", "left", "bottom", "top")

# 2.25x all-around: the known centre spans 2/3 of each side, so the canvas has 1.5^2 = 2.25
# times the input's area. Rounding to whole pixels makes it 43 of 64 px (2.22x) at 64 px.
# 2x one-side: the known half is doubled toward one side.
ALL_AROUND_KNOWN_FRACTION = 2.0 / 3.0


@dataclass(frozen=True)
class Task:
    """One outpainting task: the real canvas, its generation mask and the known box."""

    id: str
    kind: str
    truth: np.ndarray  # float32 [S, S, 3] in [0, 1], the real photo crop
    mask: np.ndarray  # float32 [S, S], 1 = generate, 0 = known
    known_box: tuple[int, int, int, int]  # (left, top, right, bottom), exclusive


def all_around_mask(size: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Return the mask and known box of a centred known square of 2/3 of SIZE."""
    known = round(size * ALL_AROUND_KNOWN_FRACTION)
    start = (size - known) // 2
    mask = np.ones((size, size), np.float32)
    mask[start:start + known, start:start + known] = 0.0
    return mask, (start, start, start + known, start + known)


def one_side_mask(size: int, side: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Return the mask and known box when the half opposite SIDE is known."""
    half = size // 2
    boxes = {"right": (0, 0, half, size), "left": (size - half, 0, size, size),
             "bottom": (0, 0, size, half), "top": (0, size - half, size, size)}
    if side not in boxes:
        raise ValueError(f"side must be one of {SIDES}, got {side!r}")
    left, top, right, bottom = boxes[side]
    mask = np.ones((size, size), np.float32)
    mask[top:bottom, left:right] = 0.0
    return mask, boxes[side]


def load_tasks(crop_dir: Path, size: int) -> list[Task]:
    """Return two tasks per validation crop in CROP_DIR/crops.jsonl: all-around and one-side.

    Crops larger than SIZE are centre-cropped to SIZE. The one-side task cycles through the
    four sides by crop order, so each side is tested about equally often.
    """
    tasks: list[Task] = []
    rows = [json.loads(line) for line in (crop_dir / "crops.jsonl").read_text().splitlines()]
    validation = [row for row in rows if row["split"] == "validation"]
    if not validation:
        raise ValueError(f"{crop_dir / 'crops.jsonl'} has no validation crops")

    for index, row in enumerate(validation):
        truth = load_canvas(crop_dir / row["image"], size)
        stem = Path(row["image"]).stem

        mask, box = all_around_mask(size)
        tasks.append(Task(f"{stem}/{ALL_AROUND}", ALL_AROUND, truth, mask, box))
        side = SIDES[index % len(SIDES)]
        mask, box = one_side_mask(size, side)
        tasks.append(Task(f"{stem}/{ONE_SIDE}-{side}", ONE_SIDE, truth, mask, box))
    return tasks


def load_canvas(path: Path, size: int) -> np.ndarray:
    """Load an RGB image as float32 [SIZE, SIZE, 3] in [0, 1], centre-cropping a larger one."""
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    if min(image.size) < size:
        raise ValueError(f"{path} is {image.size[0]}x{image.size[1]}, smaller than {size} px")
    left = (image.width - size) // 2
    top = (image.height - size) // 2
    image = image.crop((left, top, left + size, top + size))
    return np.asarray(image, dtype=np.float32) / 255.0
