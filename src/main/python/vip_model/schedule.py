"""Noise schedules and samplers' update rules, following diffusers' definitions.

Schedule values are computed in float64; the samplers update float32 latents with float64
scalar coefficients.
"""

import math
from typing import List, Optional

import torch
from torch import Tensor

from .config import ScheduleConfig


def make_betas(config: ScheduleConfig) -> Tensor:
    """β_t for t = 0 … T−1, float64 [T].

    linear: evenly spaced from beta_start to beta_end.
    scaled_linear (Stable Diffusion): evenly spaced in √β, then squared.
    """
    steps = config.num_train_timesteps
    if config.beta_schedule == "linear":
        return torch.linspace(config.beta_start, config.beta_end, steps, dtype=torch.float64)
    if config.beta_schedule == "scaled_linear":
        return torch.linspace(config.beta_start ** 0.5, config.beta_end ** 0.5, steps,
                              dtype=torch.float64) ** 2
    raise ValueError(f"beta_schedule must be 'linear' or 'scaled_linear', "
                     f"got {config.beta_schedule!r}")


class NoiseSchedule:
    def __init__(self, config: ScheduleConfig):
        if config.prediction_type not in ("epsilon", "v_prediction"):
            raise ValueError(f"prediction_type must be 'epsilon' or 'v_prediction', "
                             f"got {config.prediction_type!r}")
        self.config = config
        self.num_train_timesteps = config.num_train_timesteps
        self.prediction_type = config.prediction_type
        self.betas = make_betas(config)
        # ᾱ_t = ∏_{s ≤ t} (1 − β_s), float64 [T]
        self.alphas_cumprod = torch.cumprod(1.0 - self.betas, dim=0)
        # Stable Diffusion's DDIM config has set_alpha_to_one = false: the step after the
        # last timestep uses ᾱ_0 rather than 1.
        self.final_alpha_cumprod = float(self.alphas_cumprod[0])

    def _coefficients(self, timesteps: Tensor, like: Tensor):
        alpha_bar = self.alphas_cumprod.to(like.device)[timesteps].to(like.dtype)
        shape = (-1,) + (1,) * (like.dim() - 1)
        return alpha_bar.sqrt().reshape(shape), (1.0 - alpha_bar).sqrt().reshape(shape)

    def add_noise(self, x0: Tensor, noise: Tensor, timesteps: Tensor) -> Tensor:
        """q(x_t | x_0): √ᾱ_t·x_0 + √(1−ᾱ_t)·ε, per-sample timesteps [B]."""
        sqrt_alpha, sqrt_one_minus = self._coefficients(timesteps, x0)
        return sqrt_alpha * x0 + sqrt_one_minus * noise

    def training_target(self, x0: Tensor, noise: Tensor, timesteps: Tensor) -> Tensor:
        """Return ε for epsilon prediction, or v = √ᾱ_t·ε − √(1−ᾱ_t)·x_0 for v prediction."""
        if self.prediction_type == "epsilon":
            return noise
        sqrt_alpha, sqrt_one_minus = self._coefficients(timesteps, x0)
        return sqrt_alpha * noise - sqrt_one_minus * x0

    def predict_x0_and_eps(self, model_output: Tensor, sample: Tensor, timestep: int):
        alpha_bar = float(self.alphas_cumprod[timestep])
        sqrt_alpha, sqrt_one_minus = math.sqrt(alpha_bar), math.sqrt(1.0 - alpha_bar)
        if self.prediction_type == "epsilon":
            eps = model_output
            x0 = (sample - sqrt_one_minus * eps) / sqrt_alpha
        else:
            x0 = sqrt_alpha * sample - sqrt_one_minus * model_output
            eps = sqrt_alpha * model_output + sqrt_one_minus * sample
        return x0, eps


def inference_timesteps(num_train_timesteps: int, steps: int, spacing: str = "leading",
                        steps_offset: int = 1) -> List[int]:
    """Descending timesteps for `steps` sampling steps (diffusers' DDIM spacing rules).

    leading:  ratio = T // steps, t_k = k·ratio + steps_offset, k = steps−1 … 0
    trailing: ratio = T / steps,  t_k = round(T − k·ratio) − 1, k = 0 … steps−1
    """
    if not 1 <= steps <= num_train_timesteps:
        raise ValueError(f"steps must be 1..{num_train_timesteps}, got {steps}")
    if spacing == "leading":
        ratio = num_train_timesteps // steps
        return [k * ratio + steps_offset for k in reversed(range(steps))]
    if spacing == "trailing":
        ratio = num_train_timesteps / steps
        return [int(round(num_train_timesteps - k * ratio)) - 1 for k in range(steps)]
    raise ValueError(f"timestep_spacing must be 'leading' or 'trailing', got {spacing!r}")


def ddim_step(schedule: NoiseSchedule, model_output: Tensor, timestep: int, prev_timestep: int,
              sample: Tensor, eta: float = 0.0, noise: Optional[Tensor] = None) -> Tensor:
    """Apply one DDIM update x_t -> x_{t_prev}.

    x_prev = √ᾱ_prev·x̂_0 + √(1 − ᾱ_prev − σ²)·ε̂ + σ·z,
    σ = eta·√((1 − ᾱ_prev)/(1 − ᾱ_t))·√(1 − ᾱ_t/ᾱ_prev).
    prev_timestep < 0 means the final step, which uses ᾱ_0 (set_alpha_to_one = false).
    """
    alpha_bar = float(schedule.alphas_cumprod[timestep])
    alpha_bar_prev = (float(schedule.alphas_cumprod[prev_timestep]) if prev_timestep >= 0
                      else schedule.final_alpha_cumprod)
    x0, eps = schedule.predict_x0_and_eps(model_output, sample, timestep)

    variance = (1 - alpha_bar_prev) / (1 - alpha_bar) * (1 - alpha_bar / alpha_bar_prev)
    sigma = eta * math.sqrt(variance)
    prev = math.sqrt(alpha_bar_prev) * x0 + math.sqrt(1 - alpha_bar_prev - sigma ** 2) * eps
    if sigma > 0:
        if noise is None:
            raise ValueError("ddim_step with eta > 0 needs a noise tensor")
        prev = prev + sigma * noise
    return prev


class DpmSolverPP2M:
    """DPM-Solver++(2M) sampler in the midpoint form, with data (x̂_0) prediction.

    Steps run over the given descending timesteps; the last step goes to σ = 0 with a
    first-order update, so it returns the final x̂_0 prediction.
    """

    def __init__(self, schedule: NoiseSchedule, timesteps: List[int]):
        self.schedule = schedule
        self.timesteps = timesteps
        self.previous_x0: Optional[Tensor] = None

    def _alpha_sigma_lambda(self, timestep: int):
        alpha_bar = float(self.schedule.alphas_cumprod[timestep])
        alpha, sigma = math.sqrt(alpha_bar), math.sqrt(1.0 - alpha_bar)
        return alpha, sigma, math.log(alpha) - math.log(sigma)

    def step(self, index: int, model_output: Tensor, sample: Tensor) -> Tensor:
        timestep = self.timesteps[index]
        x0, _ = self.schedule.predict_x0_and_eps(model_output, sample, timestep)
        if index == len(self.timesteps) - 1:
            self.previous_x0 = x0
            return x0

        _, sigma_s, lambda_s = self._alpha_sigma_lambda(timestep)
        alpha_t, sigma_t, lambda_t = self._alpha_sigma_lambda(self.timesteps[index + 1])
        h = lambda_t - lambda_s
        phi = math.expm1(-h)  # e^{−h} − 1

        if index == 0 or self.previous_x0 is None:
            derivative = x0
        else:
            _, _, lambda_prev = self._alpha_sigma_lambda(self.timesteps[index - 1])
            ratio = (lambda_s - lambda_prev) / h
            derivative = x0 + 0.5 * (x0 - self.previous_x0) / ratio
        self.previous_x0 = x0
        return (sigma_t / sigma_s) * sample - alpha_t * phi * derivative
