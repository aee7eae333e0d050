"""Training data: a JSONL file of {"image", "center", "surrounding"} rows. Each image path is
relative to the JSONL file's folder."""

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

import numpy as np
import torch
from PIL import Image, ImageOps
from torch import Tensor

# Images are stored this much larger than the working resolution so random crops vary.
CROP_MARGIN = 1.125


@dataclass
class Example:
    image: Tensor  # uint8 [3, h, w], h and w at least the working resolution
    center: str
    surrounding: str


def read_rows(jsonl: Path) -> List[dict]:
    rows = []
    with open(jsonl, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{jsonl}:{number}: invalid JSON ({error})") from error
            for key in ("image", "center", "surrounding"):
                if not isinstance(row.get(key), str):
                    raise ValueError(f"{jsonl}:{number}: missing string field {key!r}; "
                                     f"each row needs image, center and surrounding")
            rows.append(row)
    if not rows:
        raise ValueError(f"{jsonl}: no rows; expected JSON lines with image, center, surrounding")
    return rows


def load_image(path: Path, width: int, height: int) -> Tensor:
    """RGB uint8 [3, h, w] resized so it covers (width, height)·CROP_MARGIN."""
    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        scale = max(width * CROP_MARGIN / image.width, height * CROP_MARGIN / image.height)
        size = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
        image = image.resize(size, Image.BICUBIC)
        return torch.from_numpy(np.asarray(image).copy()).permute(2, 0, 1).contiguous()


class OutpaintDataset:
    """All examples in memory at roughly the working resolution."""

    def __init__(self, jsonl: Path, width: int, height: int):
        jsonl = Path(jsonl)
        self.width, self.height = width, height
        self.examples: List[Example] = []
        for row in read_rows(jsonl):
            path = jsonl.parent / row["image"]
            if not path.is_file():
                raise FileNotFoundError(f"{jsonl}: image {row['image']!r} not found at {path}")
            self.examples.append(Example(load_image(path, width, height), row["center"],
                                         row["surrounding"]))

    def __len__(self) -> int:
        return len(self.examples)

    def prompts(self) -> List[str]:
        return [text for example in self.examples for text in (example.center,
                                                               example.surrounding)]

    def sample(self, index: int, rng: random.Random) -> Tuple[Tensor, str, str]:
        """Return a random crop, flipped left-right half the time, float [3, H, W] in [-1, 1].

        Flipping keeps the prompts valid because they describe center and surrounding,
        not left and right.
        """
        example = self.examples[index]
        _, stored_height, stored_width = example.image.shape
        top = rng.randint(0, stored_height - self.height)
        left = rng.randint(0, stored_width - self.width)
        crop = example.image[:, top: top + self.height, left: left + self.width]
        if rng.random() < 0.5:
            crop = crop.flip(-1)
        return crop.to(torch.float32) / 127.5 - 1.0, example.center, example.surrounding
