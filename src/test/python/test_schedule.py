"""Schedule values against numbers computed by hand from diffusers' formulas:

scaled_linear: β_t = (√β_start + t/(T−1)·(√β_end − √β_start))²
linear:        β_t = β_start + t/(T−1)·(β_end − β_start)
ᾱ_t = ∏_{s=0..t} (1 − β_s)

The literals below were computed with Python floats from those formulas.
"""

import math

import pytest
import torch

from vip_model.config import ScheduleConfig
from vip_model.schedule import (DpmSolverPP2M, NoiseSchedule, ddim_step, inference_timesteps)

SD = ScheduleConfig(beta_schedule="scaled_linear", beta_start=0.00085, beta_end=0.012)
DDPM = ScheduleConfig(beta_schedule="linear", beta_start=0.0001, beta_end=0.02)


@pytest.mark.parametrize("t, expected", [
    (0, 0.99915), (1, 0.9982960278384514), (500, 0.2763326838229746),
    (999, 0.004660098513077236)])
def test_scaled_linear_alphas_cumprod(t, expected):
    assert NoiseSchedule(SD).alphas_cumprod[t].item() == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("t, expected", [
    (0, 0.9999), (1, 0.9997800920720721), (500, 0.07779665836502389),
    (999, 4.0358297653756754e-05)])
def test_linear_alphas_cumprod(t, expected):
    assert NoiseSchedule(DDPM).alphas_cumprod[t].item() == pytest.approx(expected, rel=1e-9)


def test_scaled_linear_betas_end_points():
    betas = NoiseSchedule(SD).betas
    assert betas[0].item() == pytest.approx(0.00085, rel=1e-12)
    assert betas[-1].item() == pytest.approx(0.012, rel=1e-12)


def test_leading_timesteps():
    assert inference_timesteps(1000, 25, "leading", 1)[:3] == [961, 921, 881]
    assert inference_timesteps(1000, 25, "leading", 1)[-1] == 1
    assert inference_timesteps(1000, 10, "leading", 1) == [901, 801, 701, 601, 501, 401, 301,
                                                          201, 101, 1]


def test_trailing_timesteps():
    assert inference_timesteps(1000, 10, "trailing", 0) == [999, 899, 799, 699, 599, 499, 399,
                                                           299, 199, 99]


def test_inference_timesteps_rejects_bad_steps():
    with pytest.raises(ValueError, match="steps must be 1..1000, got 0"):
        inference_timesteps(1000, 0)


def test_v_prediction_target_recovers_x0_and_eps():
    schedule = NoiseSchedule(ScheduleConfig(prediction_type="v_prediction"))
    torch.manual_seed(0)
    x0, noise = torch.randn(1, 4, 8, 8), torch.randn(1, 4, 8, 8)
    t = torch.tensor([600])
    noisy = schedule.add_noise(x0, noise, t)
    v = schedule.training_target(x0, noise, t)
    alpha_bar = schedule.alphas_cumprod[600].item()
    assert torch.allclose(v, math.sqrt(alpha_bar) * noise - math.sqrt(1 - alpha_bar) * x0)
    x0_hat, eps_hat = schedule.predict_x0_and_eps(v, noisy, 600)
    assert torch.allclose(x0_hat, x0, atol=1e-5)
    assert torch.allclose(eps_hat, noise, atol=1e-5)


def test_ddim_step_with_true_noise_stays_on_the_forward_process():
    schedule = NoiseSchedule(SD)
    torch.manual_seed(0)
    x0, noise = torch.randn(1, 4, 8, 8), torch.randn(1, 4, 8, 8)
    x_t = schedule.add_noise(x0, noise, torch.tensor([901]))
    x_prev = ddim_step(schedule, noise, 901, 801, x_t)
    assert torch.allclose(x_prev, schedule.add_noise(x0, noise, torch.tensor([801])), atol=1e-5)


def _oracle_epsilon(schedule, x0, sample, timestep):
    alpha_bar = schedule.alphas_cumprod[timestep].item()
    return (sample - math.sqrt(alpha_bar) * x0) / math.sqrt(1 - alpha_bar)


def test_ddim_sampling_with_oracle_reaches_x0():
    schedule = NoiseSchedule(SD)
    torch.manual_seed(0)
    x0, latents = torch.randn(1, 4, 8, 8), torch.randn(1, 4, 8, 8)
    timesteps = inference_timesteps(1000, 10)
    for timestep in timesteps:
        eps = _oracle_epsilon(schedule, x0, latents, timestep)
        latents = ddim_step(schedule, eps, timestep, timestep - 100, latents)
    # The final step lands on ᾱ_0 = 0.99915, not on x0 itself.
    alpha_bar_0 = schedule.final_alpha_cumprod
    expected = math.sqrt(alpha_bar_0) * x0 + math.sqrt(1 - alpha_bar_0) * eps
    assert torch.allclose(latents, expected, atol=1e-4)


def test_dpm_solver_with_oracle_returns_x0():
    schedule = NoiseSchedule(SD)
    torch.manual_seed(0)
    x0, latents = torch.randn(1, 4, 8, 8), torch.randn(1, 4, 8, 8)
    timesteps = inference_timesteps(1000, 10)
    solver = DpmSolverPP2M(schedule, timesteps)
    for index, timestep in enumerate(timesteps):
        latents = solver.step(index, _oracle_epsilon(schedule, x0, latents, timestep), latents)
    assert torch.allclose(latents, x0, atol=1e-4)
