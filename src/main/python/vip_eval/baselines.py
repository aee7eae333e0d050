"""Non-learned outpainting baselines: edge replication and mirror padding with blur.

Each takes the task's real canvas and known box, looks only at the known pixels, and returns
a full canvas float32 [S, S, 3] in [0, 1] whose known pixels are the input's.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

from .tasks import Task

# Blur radius of the mirrored area, as a fraction of the canvas side. At 64 px it is 2 px,
# which hides the mirrored copy's detail but keeps its colours and large shapes.
MIRROR_BLUR_FRACTION = 1.0 / 32.0


def _known_and_padding(task: Task) -> tuple[np.ndarray, list[tuple[int, int]]]:
    left, top, right, bottom = task.known_box
    size = task.truth.shape[0]
    known = task.truth[top:bottom, left:right]
    padding = [(top, size - bottom), (left, size - right), (0, 0)]
    return known, padding


def edge_replication(task: Task) -> np.ndarray:
    """Extend each border row and column of the known area outward (numpy 'edge' padding)."""
    known, padding = _known_and_padding(task)
    return np.pad(known, padding, mode="edge")


def mirror_blur(task: Task) -> np.ndarray:
    """Mirror the known area across its borders, blur the mirrored part, keep known pixels.

    numpy's 'reflect' mode mirrors without repeating the border pixel and reflects again when
    the padding is wider than the known area.
    """
    known, padding = _known_and_padding(task)
    mirrored = np.pad(known, padding, mode="reflect")

    radius = max(1.0, MIRROR_BLUR_FRACTION * task.truth.shape[0])
    as_image = Image.fromarray(np.round(mirrored * 255).astype(np.uint8))
    blurred = np.asarray(as_image.filter(ImageFilter.GaussianBlur(radius)), np.float32) / 255.0

    mask = task.mask[..., None]
    return blurred * mask + mirrored * (1.0 - mask)


BASELINES = {"edge-replication": edge_replication, "mirror-blur": mirror_blur}
