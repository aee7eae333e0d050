"""Run outpainting methods on the tasks and aggregate the metrics per method and task kind."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .metrics import color_histogram_distance, masked_psnr, masked_ssim, seam_energy
from .tasks import Task

Method = Callable[[Task], np.ndarray]


@dataclass(frozen=True)
class Scores:
    """Metrics of one method on one task."""

    psnr_db: float
    ssim: float
    seam: float
    seam_truth: float
    histogram_distance: float


def score(task: Task, output: np.ndarray) -> Scores:
    """Score OUTPUT [S, S, 3] in [0, 1] against the task's real canvas on its mask."""
    if output.shape != task.truth.shape:
        raise ValueError(f"output shape {output.shape} differs from the canvas {task.truth.shape}")
    output = np.clip(output, 0.0, 1.0).astype(np.float32)
    return Scores(
        psnr_db=masked_psnr(output, task.truth, task.mask),
        ssim=masked_ssim(output, task.truth, task.mask),
        seam=seam_energy(output, task.mask),
        seam_truth=seam_energy(task.truth, task.mask),
        histogram_distance=color_histogram_distance(output, task.truth, task.mask),
    )


def evaluate(methods: dict[str, Method], tasks: list[Task]) -> dict[str, dict[str, dict[str, float]]]:
    """Return {method: {task kind: {metric: mean}}} over TASKS, with a task count per kind.

    The seam metric is the output's seam energy summed over tasks divided by the real photos'
    on the same masks: 1.0 is as smooth as reality, above 1.0 a visible seam, below 1.0 an
    output smoother than the photo (blur). A ratio of sums is used because a flat sky has a
    near-zero seam energy that would dominate a mean of per-task ratios. PSNR means skip tasks
    where a method is exact (infinite PSNR) and count them.
    """
    results: dict[str, dict[str, dict[str, float]]] = {}

    for name, method in methods.items():
        per_kind: dict[str, list[Scores]] = {}
        for task in tasks:
            per_kind.setdefault(task.kind, []).append(score(task, method(task)))
        results[name] = {kind: _summarise(scores) for kind, scores in per_kind.items()}
    return results


def _summarise(scores: list[Scores]) -> dict[str, float]:
    finite_psnr = [s.psnr_db for s in scores if math.isfinite(s.psnr_db)]
    return {
        "tasks": len(scores),
        "psnr_db": float(np.mean(finite_psnr)) if finite_psnr else float("inf"),
        "exact_tasks": len(scores) - len(finite_psnr),
        "ssim": float(np.mean([s.ssim for s in scores])),
        "seam_ratio": float(sum(s.seam for s in scores) / max(sum(s.seam_truth for s in scores), 1e-12)),
        "histogram_distance": float(np.mean([s.histogram_distance for s in scores])),
    }
