"""Cut a fixed, seeded set of square crops at several scales and resize them for training."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from .collect import Photo

# Crop side as a fraction of the photo's short side -> crops per photo at that scale. Small
# crops are more numerous because a photo holds more distinct small views than large ones.
TRAIN_SCALES: dict[float, int] = {1.0: 2, 0.7: 6, 0.5: 12, 0.35: 20}
# Validation crops come only from held-out photos and are large, so that an outpainting task
# on them still sees the scene layout.
VALIDATION_SCALES: dict[float, int] = {1.0: 2, 0.7: 4}


@dataclass(frozen=True)
class Crop:
    """One crop: its file, the photo it came from and its box in the stored photo's pixels."""

    image: str
    photo: str
    split: str
    scale: float
    box: tuple[int, int, int, int]  # (left, top, right, bottom), right and bottom exclusive


def crop_boxes(width: int, height: int, scales: dict[float, int],
               rng: random.Random) -> list[tuple[float, tuple[int, int, int, int]]]:
    """Return (scale, box) pairs of square boxes inside a WIDTH x HEIGHT photo.

    Positions are uniform over the valid range. A scale of 1.0 spans the short side, so its
    boxes differ only along the long side.
    """
    short_side = min(width, height)
    boxes: list[tuple[float, tuple[int, int, int, int]]] = []

    for scale, count in sorted(scales.items(), reverse=True):
        side = max(1, round(scale * short_side))
        for _ in range(count):
            left = rng.randint(0, width - side)
            top = rng.randint(0, height - side)
            boxes.append((scale, (left, top, left + side, top + side)))
    return boxes


def cut_crops(data_dir: Path, photos: list[Photo], split: dict[str, list[str]], size_px: int,
              seed: int) -> list[Crop]:
    """Cut crops of every photo, resized to SIZE_PX squares, into DATA_DIR/crops-SIZE.

    Train photos get TRAIN_SCALES, validation photos VALIDATION_SCALES, and each photo its own
    random stream seeded by (seed, photo id), so adding a photo changes no other photo's crops.
    Writes crops.jsonl beside the images.
    """
    out_dir = data_dir / f"crops-{size_px}"
    (out_dir / "train").mkdir(parents=True, exist_ok=True)
    (out_dir / "validation").mkdir(parents=True, exist_ok=True)
    split_of = {photo_id: name for name, ids in split.items() for photo_id in ids}
    crops: list[Crop] = []

    for photo in sorted(photos, key=lambda p: p.id):
        split_name = split_of[photo.id]
        scales = TRAIN_SCALES if split_name == "train" else VALIDATION_SCALES
        rng = random.Random(f"{seed}/{photo.id}")

        with Image.open(data_dir / photo.file) as opened:
            image = opened.convert("RGB")
        stem = photo.id.lstrip("@").replace("/", "__")

        for index, (scale, box) in enumerate(crop_boxes(image.width, image.height, scales, rng)):
            name = f"{split_name}/{stem}__{index:03d}.png"
            image.crop(box).resize((size_px, size_px), Image.LANCZOS).save(out_dir / name)
            crops.append(Crop(name, photo.id, split_name, scale, box))

    with (out_dir / "crops.jsonl").open("w", encoding="utf-8") as out:
        for crop in crops:
            out.write(json.dumps(asdict(crop)) + "\n")
    return crops
