"""Before/after figures: the known region on the canvas, each method's output and the photo."""

from __future__ import annotations

from typing import Callable

import numpy as np
from PIL import Image, ImageDraw

from .tasks import Task

LABEL_HEIGHT_PX = 14
GAP_PX = 4


def masked_input(task: Task) -> np.ndarray:
    """Return the canvas as the model receives it: generated area set to mid grey."""
    keep = 1.0 - task.mask[..., None]
    return task.truth * keep + 0.5 * (1.0 - keep)


def before_after_grid(tasks: list[Task], methods: dict[str, Callable[[Task], np.ndarray]],
                      scale: int) -> Image.Image:
    """Return one row per task: input, each method's output, then the real photo.

    Images are enlarged SCALE times with nearest-neighbour sampling, so pixels stay visible.
    """
    columns = ["input"] + list(methods) + ["photo"]
    size = tasks[0].truth.shape[0] * scale
    width = len(columns) * (size + GAP_PX) - GAP_PX
    height = LABEL_HEIGHT_PX + len(tasks) * (size + GAP_PX) - GAP_PX
    grid = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(grid)

    for column, name in enumerate(columns):
        draw.text((column * (size + GAP_PX) + 2, 1), name, fill="black")

    for row, task in enumerate(tasks):
        images = [masked_input(task)] + [method(task) for method in methods.values()] + [task.truth]
        for column, image in enumerate(images):
            tile = Image.fromarray(np.round(np.clip(image, 0, 1) * 255).astype(np.uint8))
            tile = tile.resize((size, size), Image.NEAREST)
            grid.paste(tile, (column * (size + GAP_PX), LABEL_HEIGHT_PX + row * (size + GAP_PX)))
    return grid
