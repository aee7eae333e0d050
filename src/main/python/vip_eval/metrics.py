"""Quality metrics of an outpainted canvas against the real photo, restricted to the mask.

Images are float arrays [H, W, 3] in [0, 1]; masks are arrays [H, W] with 1 = generated.
"""

from __future__ import annotations

import numpy as np

# SSIM constants and window from Wang et al., "Image quality assessment: from error visibility
# to structural similarity", IEEE TIP 2004: K1 = 0.01, K2 = 0.03, Gaussian sigma 1.5, 11 taps.
SSIM_K1 = 0.01
SSIM_K2 = 0.03
SSIM_SIGMA = 1.5
SSIM_RADIUS = 5

HISTOGRAM_BINS = 8  # per RGB channel, so 512 cells


def masked_psnr(output: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    """Return the PSNR in dB over the generated pixels (all channels), peak 1.0.

    Returns inf when the generated pixels match exactly.
    """
    selected = mask.astype(bool)
    mse = float(np.mean((output[selected] - truth[selected]) ** 2))
    return float("inf") if mse == 0.0 else 10.0 * np.log10(1.0 / mse)


def _gaussian_blur(image: np.ndarray) -> np.ndarray:
    """Blur [H, W] or [H, W, C] with the SSIM window, reflecting at the borders."""
    offsets = np.arange(-SSIM_RADIUS, SSIM_RADIUS + 1)
    kernel = np.exp(-(offsets ** 2) / (2 * SSIM_SIGMA ** 2))
    kernel /= kernel.sum()

    padded = np.pad(image, [(SSIM_RADIUS, SSIM_RADIUS), (SSIM_RADIUS, SSIM_RADIUS)]
                    + [(0, 0)] * (image.ndim - 2), mode="reflect")
    rows = sum(kernel[i] * padded[i:i + image.shape[0]] for i in range(len(kernel)))
    return sum(kernel[i] * rows[:, i:i + image.shape[1]] for i in range(len(kernel)))


def ssim_map(output: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Return the per-pixel SSIM [H, W, C] of two images in [0, 1]."""
    c1 = (SSIM_K1 * 1.0) ** 2
    c2 = (SSIM_K2 * 1.0) ** 2

    mean_x = _gaussian_blur(output)
    mean_y = _gaussian_blur(truth)
    variance_x = _gaussian_blur(output * output) - mean_x ** 2
    variance_y = _gaussian_blur(truth * truth) - mean_y ** 2
    covariance = _gaussian_blur(output * truth) - mean_x * mean_y

    numerator = (2 * mean_x * mean_y + c1) * (2 * covariance + c2)
    denominator = (mean_x ** 2 + mean_y ** 2 + c1) * (variance_x + variance_y + c2)
    return numerator / denominator


def masked_ssim(output: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    """Return the SSIM map of the whole canvas averaged over generated pixels and channels.

    The window straddles the mask border near it, so the score also sees how the generated
    area continues the known one.
    """
    return float(np.mean(ssim_map(output, truth)[mask.astype(bool)]))


def seam_energy(image: np.ndarray, mask: np.ndarray) -> float:
    """Return the mean squared colour step between 4-neighbour pixels on opposite mask sides.

    Compare an output's value with the real photo's value on the same mask: a visible seam
    makes the output's value larger.
    """
    generated = mask.astype(bool)
    steps: list[np.ndarray] = []

    for axis in (0, 1):
        crossing = generated != np.roll(generated, -1, axis=axis)
        # np.roll wraps around, so the last row or column pairs with the first; drop it.
        if axis == 0:
            crossing[-1, :] = False
        else:
            crossing[:, -1] = False
        difference = np.roll(image, -1, axis=axis) - image
        steps.append(np.sum(difference[crossing] ** 2, axis=-1))

    all_steps = np.concatenate(steps)
    if all_steps.size == 0:
        raise ValueError("mask has no border between known and generated pixels")
    return float(np.mean(all_steps))


def color_histogram_distance(output: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    """Return the total variation distance (0..1) of the RGB histograms of the generated pixels.

    Histograms have HISTOGRAM_BINS bins per channel; 0 means identical colour distributions.
    """
    selected = mask.astype(bool)
    histograms = []
    for image in (output, truth):
        cells = np.clip((image[selected] * HISTOGRAM_BINS).astype(int), 0, HISTOGRAM_BINS - 1)
        index = (cells[:, 0] * HISTOGRAM_BINS + cells[:, 1]) * HISTOGRAM_BINS + cells[:, 2]
        counts = np.bincount(index, minlength=HISTOGRAM_BINS ** 3).astype(float)
        histograms.append(counts / counts.sum())
    return float(0.5 * np.abs(histograms[0] - histograms[1]).sum())
