"""Outpaint evaluation tasks with an exported model bundle (TorchScript), as the service would.

Evaluating the bundle rather than the training checkpoint measures exactly what ships.
NOTE: this method passes each branch its own prompt, as the Java runtime does, so an ablation
bundle must route the total prompt to all three branches inside its exported UNet.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np
import torch

from vip_model.config import ScheduleConfig
from vip_model.pipeline import Prompts, encode_prompts, prepare_inpaint, sample_ddim
from vip_model.schedule import NoiseSchedule
from vip_model.tokenizer import WordTokenizer, total_prompt

from .tasks import Task

# {task id: (center prompt, surrounding prompt)}; BundleMethod takes None for unconditional
# sampling (empty strings everywhere).
PromptLookup = dict[str, tuple[str, str]]


class BundleMethod:
    """Callable method: task -> canvas [S, S, 3] in [0, 1], sampled with DDIM from a bundle.

    steps, guidance_scale and eta left as None take the bundle's model.json defaults, as the
    service does when a request omits them.
    """

    def __init__(self, bundle_dir: Path, prompts: PromptLookup | None, steps: int | None,
                 guidance_scale: float | None, seed: int, eta: float | None = None):
        metadata = json.loads((bundle_dir / "model.json").read_text(encoding="utf-8"))
        defaults = metadata["defaults"]
        steps = defaults["steps"] if steps is None else steps
        if not 1 <= steps <= 1000:
            raise ValueError(f"steps must be 1..1000, got {steps}")
        eta = defaults.get("eta", 0.0) if eta is None else eta
        if not 0.0 <= eta <= 1.0:
            raise ValueError(f"eta must be 0..1, got {eta}")
        self.metadata = metadata
        self.prompts = prompts
        self.steps = steps
        self.guidance_scale = (defaults["guidance_scale"] if guidance_scale is None
                               else guidance_scale)
        self.eta = eta
        self.timestep_spacing = defaults.get("timestep_spacing", "leading")
        self.steps_offset = defaults.get("steps_offset", 1)
        self.seed = seed

        self.tokenizer = WordTokenizer.load(bundle_dir / "tokenizer.json")
        self.modules = {name: torch.jit.load(str(bundle_dir / f"{name}.pt"))
                        for name in ("text_encoder", "unet", "vae_encoder", "vae_decoder")}
        schedule = metadata["noise_schedule"]
        self.schedule = NoiseSchedule(ScheduleConfig(
            num_train_timesteps=schedule["num_train_timesteps"],
            beta_schedule=schedule["beta_schedule"], beta_start=schedule["beta_start"],
            beta_end=schedule["beta_end"], prediction_type=metadata["prediction_type"]))
        self.latent_channels = metadata["latent"]["channels"]
        self.downsample_factor = metadata["latent"]["downsample_factor"]

    def _encode_ids(self, texts: list[str]) -> torch.Tensor:
        return torch.tensor(self.tokenizer.encode_batch(texts), dtype=torch.int64)

    def prompts_for(self, task: Task) -> Prompts:
        """Return the task's prompts; a missing entry is an error, not a silent empty prompt."""
        if self.prompts is None:
            return Prompts("", "", "")
        if task.id not in self.prompts:
            raise KeyError(f"no prompts for task {task.id!r}; caption its image first")
        center, surrounding = self.prompts[task.id]
        return Prompts(center, surrounding, total_prompt(center, surrounding))

    def __call__(self, task: Task) -> np.ndarray:
        return self.outpaint(task, self.prompts_for(task))

    def outpaint(self, task: Task, prompts: Prompts) -> np.ndarray:
        """Return the task's canvas [S, S, 3] in [0, 1] generated with PROMPTS."""
        size = task.truth.shape[0]
        latent_size = size // self.downsample_factor

        # 1. Canvas in [-1, 1] as [1, 3, S, S] and mask [1, 1, S, S], 1 = generate.
        image = torch.from_numpy(task.truth).permute(2, 0, 1)[None] * 2.0 - 1.0
        mask = torch.from_numpy(task.mask)[None, None]

        # 2. Encode the masked canvas and the prompts.
        with torch.no_grad():
            inputs = prepare_inpaint(self.modules["vae_encoder"], image, mask,
                                     self.downsample_factor)
            embeddings = encode_prompts(self.modules["text_encoder"], self._encode_ids, prompts)

        # 3. Denoise from noise seeded per task, so every bundle starts from the same x_T.
        generator = torch.Generator().manual_seed(self.seed + zlib.crc32(task.id.encode("utf-8")))
        noise = torch.randn((1, self.latent_channels, latent_size, latent_size),
                            generator=generator)
        run = sample_ddim(self.modules["unet"], self.modules["vae_decoder"], self.schedule,
                          inputs, embeddings, noise, self.steps, self.guidance_scale,
                          self.timestep_spacing, self.steps_offset, self.eta, generator)

        # 4. Back to [0, 1] and paste the known pixels back, as the worker's compositing does.
        decoded = ((run.decoded[0].permute(1, 2, 0).numpy() + 1.0) / 2.0).clip(0.0, 1.0)
        keep = task.mask[..., None]
        return decoded * keep + task.truth * (1.0 - keep)


def task_file_name(task_id: str) -> str:
    """Return the image file name that stands for a task in captioner input and output."""
    return task_id.replace("/", "__") + ".png"


def read_captions(jsonl: Path) -> dict[str, tuple[str, str]]:
    """Read captioner output {image, center, surrounding} into {image file stem: prompts}."""
    captions: dict[str, tuple[str, str]] = {}
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            captions[Path(row["image"]).stem] = (row["center"], row["surrounding"])
    return captions


def describe_prompts(tasks: list[Task], jsonl: Path) -> PromptLookup:
    """Map each task to the describe-mode caption of its whole real canvas (oracle prompts).

    JSONL is the captioner's output over the crop folder; a task's canvas is its crop, so the
    crop's file stem (the part of the task id before '/') finds it.
    """
    captions = read_captions(jsonl)
    return {task.id: captions[task.id.split("/")[0]] for task in tasks
            if task.id.split("/")[0] in captions}


def extrapolate_prompts(tasks: list[Task], jsonl: Path) -> PromptLookup:
    """Map each task to the extrapolate-mode caption of its known region.

    JSONL is the captioner's output over the folder that `python3 -m vip_eval known` wrote.
    """
    captions = read_captions(jsonl)
    stems = {Path(task_file_name(task.id)).stem: task.id for task in tasks}
    return {stems[stem]: prompts for stem, prompts in captions.items() if stem in stems}
