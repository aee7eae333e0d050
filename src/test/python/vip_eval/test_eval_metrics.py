import math

import numpy as np
import pytest

from vip_eval.metrics import color_histogram_distance, masked_psnr, masked_ssim, seam_energy


def ring_mask(size=16, known=8):
    mask = np.ones((size, size), np.float32)
    start = (size - known) // 2
    mask[start:start + known, start:start + known] = 0
    return mask


def noise_image(seed, size=16):
    return np.random.default_rng(seed).random((size, size, 3)).astype(np.float32)


def test_psnr_of_uniform_error_is_20_db():
    truth = np.full((16, 16, 3), 0.5, np.float32)
    output = truth + 0.1

    assert masked_psnr(output, truth, ring_mask()) == pytest.approx(20.0, abs=1e-4)


def test_psnr_ignores_known_pixels():
    truth = noise_image(0)
    mask = ring_mask()
    output = truth.copy()
    output[mask == 0] = 0.0  # wrong only where the mask keeps the input

    assert math.isinf(masked_psnr(output, truth, mask))


def test_ssim_identical_is_one_and_noise_is_low():
    truth = noise_image(1)

    assert masked_ssim(truth, truth, ring_mask()) == pytest.approx(1.0, abs=1e-6)
    assert masked_ssim(noise_image(2), truth, ring_mask()) < 0.2


def test_seam_energy_measures_step_at_border():
    mask = np.zeros((8, 8), np.float32)
    mask[:, 4:] = 1  # right half generated, one vertical border of 8 pixel pairs
    image = np.zeros((8, 8, 3), np.float32)
    image[:, 4:] = 0.5  # a step of 0.5 in each channel exactly at the border

    assert seam_energy(image, mask) == pytest.approx(3 * 0.25)
    assert seam_energy(np.zeros_like(image), mask) == 0.0


def test_seam_energy_does_not_wrap_around():
    mask = np.zeros((8, 8), np.float32)
    mask[:, 4:] = 1
    image = np.zeros((8, 8, 3), np.float32)
    image[:, 7] = 1.0  # last column differs from the first, which only a wrap would see

    assert seam_energy(image, mask) == 0.0


def test_seam_energy_without_border_raises():
    with pytest.raises(ValueError, match="no border"):
        seam_energy(noise_image(3), np.ones((16, 16), np.float32))


def test_histogram_distance_bounds():
    mask = ring_mask()
    black = np.zeros((16, 16, 3), np.float32)
    white = np.ones((16, 16, 3), np.float32)

    assert color_histogram_distance(black, black, mask) == 0.0
    assert color_histogram_distance(black, white, mask) == pytest.approx(1.0)
