"""Hold out whole photos for validation, so no validation pixel is ever seen in training."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

# The repository's sample photos (samples/) come from these photos. They are always held out,
# so the README demo never shows a photo the model was trained on.
SAMPLE_PHOTO_IDS = (
    "lomiri-wallpapers-16.04/aitzgorri_by_Aitzol_Berasategi",
    "lomiri-wallpapers-16.04/picosdeeuropa_by_Aitzol_Berasategi",
    "mate-backgrounds/Dune",
)


def split_photos(photo_ids: list[str], seed: int, validation_fraction: float) -> dict[str, list[str]]:
    """Return {"train": [...], "validation": [...]}, both sorted.

    The sample photos go to validation first. Then ceil(fraction x the rest) photos, drawn
    with a seeded shuffle of the sorted ids, so the split depends only on the ids and the seed.
    """
    if not 0.0 < validation_fraction < 1.0:
        raise ValueError(f"validation_fraction must be in (0, 1), got {validation_fraction}")

    forced = sorted(set(photo_ids) & set(SAMPLE_PHOTO_IDS))
    rest = sorted(set(photo_ids) - set(forced))
    random.Random(seed).shuffle(rest)
    drawn_count = math.ceil(validation_fraction * len(rest))

    validation = sorted(forced + rest[:drawn_count])
    train = sorted(rest[drawn_count:])
    return {"train": train, "validation": validation}


def write_split(path: Path, split: dict[str, list[str]], seed: int, fraction: float) -> None:
    """Write the split with the parameters that produced it."""
    document = {"seed": seed, "validation_fraction": fraction, **split}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def read_split(path: Path) -> dict[str, list[str]]:
    """Read a split written by write_split."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {"train": document["train"], "validation": document["validation"]}
