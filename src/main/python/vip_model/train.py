"""Train or fine-tune a VIP model on images with space-aware prompts.

    python3 -m vip_model.train --data prompts.jsonl --out runs/tiny --steps 20000
    python3 -m vip_model.train --data prompts.jsonl --out runs/tiny --steps 40000 --resume
    python3 -m vip_model.train --data prompts.jsonl --out runs/cts --init runs/tiny/checkpoint.pt \
        --regime cts --steps 5000

The checkpoint (OUT/checkpoint.pt) contains the config, tokenizer, weights, EMA weights,
optimizer and random states, so --resume continues the same run. Export it with
`python3 -m vip_model.export --checkpoint OUT/checkpoint.pt --out BUNDLE`.
"""

import argparse
import ctypes
import logging
import os
import random
import sys
import time
from pathlib import Path
from typing import Dict, Optional

import torch

from .config import ModelConfig, tiny
from .data import OutpaintDataset
from .model import VipModel, build_model
from .tokenizer import WordTokenizer, tokenizer_from_state
from .training import (BRANCH_PROMPTS, REGIMES, ExponentialMovingAverage, diffusion_loss,
                       make_batch, select_trainable)

LOG = logging.getLogger("vip_model.train")
CHECKPOINT_NAME = "checkpoint.pt"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m vip_model.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True,
                        help="JSONL of {image, center, surrounding}; image paths are relative "
                             "to the JSONL file's folder")
    parser.add_argument("--out", type=Path, required=True,
                        help="run folder for checkpoint.pt (created if missing)")

    parser.add_argument("--resume", action="store_true",
                        help="continue from OUT/checkpoint.pt (same data; --steps is the new "
                             "total)")
    parser.add_argument("--init", type=Path,
                        help="start from the weights and tokenizer of another checkpoint "
                             "(for example a full-regime run before a cts fine-tune)")
    parser.add_argument("--init-sd15", type=Path,
                        help="start from a diffusers Stable Diffusion 1.5 inpainting folder "
                             "(unet/, text_encoder/, vae/, tokenizer/)")

    parser.add_argument("--regime", choices=REGIMES, default="full",
                        help="full: all UNet weights; cts: only C-T-S copies and gates")
    parser.add_argument("--branch-prompts", choices=BRANCH_PROMPTS, default="own",
                        help="own: each branch gets its own prompt; total: all three get the "
                             "total prompt (ablation)")
    parser.add_argument("--freeze-text-encoder", action="store_true",
                        help="do not train the text encoder in the full regime")

    parser.add_argument("--resolution", type=int, default=64,
                        help="training crop size in pixels, saved as the working resolution "
                             "of a new run (default 64; use 512 with --init-sd15)")
    parser.add_argument("--max-length", type=int, default=32,
                        help="text max length in tokens for a new tiny model (default 32)")

    parser.add_argument("--prediction-type", choices=("epsilon", "v_prediction"), default="epsilon",
                        help="what the UNet of a new randomly initialised model predicts; "
                             "v_prediction avoids the amplified x0 errors of epsilon at high "
                             "noise levels (ignored with --init, --init-sd15 and --resume)")
    parser.add_argument("--steps", type=int, default=20000, help="total optimizer steps")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=2e-4, help="AdamW learning rate")
    parser.add_argument("--warmup-steps", type=int, default=200,
                        help="linear learning-rate warm-up in steps")
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--grad-clip", type=float, default=1.0, help="max gradient norm")
    parser.add_argument("--ema-decay", type=float, default=0.999)
    parser.add_argument("--prompt-dropout", type=float, default=0.1,
                        help="probability that a row gets empty strings for all three prompts")

    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=None,
                        help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--log-every", type=int, default=50, help="progress line every N steps")
    parser.add_argument("--checkpoint-every", type=int, default=500,
                        help="write OUT/checkpoint.pt every N steps")
    parser.add_argument("--export", type=Path,
                        help="export the EMA weights to this bundle folder after training")
    parser.add_argument("--val-data", type=Path,
                        help="JSONL of held-out rows; prints the EMA weights' loss on a fixed "
                             "batch of them (fixed crops, masks, noise and timesteps)")
    parser.add_argument("--val-every", type=int, default=500,
                        help="validation loss every N steps (default 500)")
    parser.add_argument("--val-size", type=int, default=32,
                        help="rows in the fixed validation batch (default 32)")

    args = parser.parse_args(argv)
    _validate(args)
    return args


def _validate(args: argparse.Namespace) -> None:
    if args.steps < 1:
        raise SystemExit(f"--steps must be at least 1, got {args.steps}")
    if args.batch_size < 1:
        raise SystemExit(f"--batch-size must be at least 1, got {args.batch_size}")
    if not 0.0 <= args.prompt_dropout <= 1.0:
        raise SystemExit(f"--prompt-dropout must be 0..1, got {args.prompt_dropout}")
    if not 64 <= args.resolution <= 512 or args.resolution % 8:
        raise SystemExit(f"--resolution must be a multiple of 8 in 64..512, got {args.resolution}")
    if args.resume and (args.init or args.init_sd15):
        raise SystemExit("--resume continues a run; do not combine it with --init or --init-sd15")
    if args.init and args.init_sd15:
        raise SystemExit("choose one of --init and --init-sd15")
    if not args.data.is_file():
        raise SystemExit(f"--data {args.data} not found; expected a JSONL file")
    if args.val_data is not None and not args.val_data.is_file():
        raise SystemExit(f"--val-data {args.val_data} not found; expected a JSONL file")


def _new_model(args: argparse.Namespace, dataset: OutpaintDataset):
    if args.init_sd15:
        from .loaders import load_sd15_inpaint
        model, tokenizer = load_sd15_inpaint(args.init_sd15)
        return model, tokenizer, {"base": f"Stable Diffusion 1.5 inpainting from {args.init_sd15}"}
    if args.init:
        state = torch.load(str(args.init), map_location="cpu")
        config = ModelConfig.from_dict(state["config"])
        model = VipModel(config)
        model.load_state_dict(state["ema"]["shadow"] if state.get("ema") else state["model"])
        tokenizer = tokenizer_from_state(state["tokenizer"])
        return model, tokenizer, {"base": f"{args.init} (step {state['step']}, EMA weights)"}
    tokenizer = WordTokenizer.from_texts(dataset.prompts(), args.max_length)
    config = tiny(vocab_size=tokenizer.vocab_size, max_length=args.max_length)
    config.schedule.prediction_type = args.prediction_type
    return build_model(config, seed=args.seed), tokenizer, {"base": "random initialisation"}


def _learning_rate(args: argparse.Namespace, step: int) -> float:
    return args.lr * min(1.0, (step + 1) / max(1, args.warmup_steps))


class Trainer:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.checkpoint_path = args.out / CHECKPOINT_NAME
        self.rng = random.Random(args.seed)
        self.generator = torch.Generator().manual_seed(args.seed)
        self.step = 0

        resume_state: Optional[Dict] = None
        if args.resume:
            if not self.checkpoint_path.is_file():
                raise SystemExit(f"--resume: {self.checkpoint_path} not found")
            resume_state = torch.load(str(self.checkpoint_path), map_location="cpu")
            self.config = ModelConfig.from_dict(resume_state["config"])
            self.tokenizer = tokenizer_from_state(resume_state["tokenizer"])
            self.model = VipModel(self.config)
            self.model.load_state_dict(resume_state["model"])
            self.provenance = resume_state["provenance"]
            self._check_same_run(resume_state["args"])
        if resume_state is not None:
            width, height = self.config.resolution
        else:
            width, height = args.resolution, args.resolution
        self.dataset = OutpaintDataset(args.data, width, height)
        if resume_state is None:
            self.model, self.tokenizer, self.provenance = _new_model(args, self.dataset)
            self.config = self.model.config
            # The crop size of this run becomes the bundle's working resolution.
            self.config.resolution = (args.resolution, args.resolution)
            self.config.validate()
            self.provenance.update({"data": str(args.data), "examples": len(self.dataset),
                                    "regime": args.regime, "branch_prompts": args.branch_prompts,
                                    "batch_size": args.batch_size, "seed": args.seed})

        self.model.to(args.device)
        self.parameters = select_trainable(self.model, args.regime,
                                           train_text_encoder=not args.freeze_text_encoder)
        self.optimizer = torch.optim.AdamW(self.parameters, lr=args.lr,
                                           weight_decay=args.weight_decay)
        self.ema = ExponentialMovingAverage(self.model, args.ema_decay)
        self.order = []
        if resume_state is not None:
            self._restore(resume_state)
        self.validation = self._validation_batch() if args.val_data else None

    def _check_same_run(self, saved_args: Dict) -> None:
        for key in ("regime", "branch_prompts", "freeze_text_encoder"):
            if saved_args.get(key) != getattr(self.args, key):
                raise SystemExit(f"--resume: checkpoint was trained with {key}="
                                 f"{saved_args.get(key)!r}, this run has "
                                 f"{getattr(self.args, key)!r}; pass the same value")

    def _restore(self, state: Dict) -> None:
        self.optimizer.load_state_dict(state["optimizer"])
        self.ema.load_state_dict(state["ema"], device=self.args.device)
        self.step = state["step"]
        self.order = list(state["order"])
        self.rng.setstate(state["python_rng"])
        self.generator.set_state(state["torch_rng"])

    def _validation_batch(self):
        """Draw a fixed batch with its own seed, so every evaluation uses the same inputs."""
        width, height = self.config.resolution
        dataset = OutpaintDataset(self.args.val_data, width, height)
        rng = random.Random(self.args.seed + 1)
        generator = torch.Generator().manual_seed(self.args.seed + 1)
        count = min(self.args.val_size, len(dataset))
        batch = make_batch(dataset, list(range(count)), self.tokenizer, rng, prompt_dropout=0.0)
        factor = self.config.autoencoder.downsample_factor
        noise = torch.randn((count, self.config.latent_channels, height // factor,
                             width // factor), generator=generator)
        timesteps = torch.randint(0, self.config.schedule.num_train_timesteps, (count,),
                                  generator=generator)
        return batch, noise, timesteps

    @torch.no_grad()
    def validation_loss(self) -> float:
        """Loss of the EMA weights on the fixed validation batch."""
        batch, noise, timesteps = self.validation
        device = self.args.device
        batch = type(batch)(*(tensor.to(device) for tensor in vars(batch).values()))
        current = {name: value.clone() for name, value in self.model.state_dict().items()}
        self.model.load_state_dict(self.ema.shadow)
        self.model.eval()
        try:
            loss = diffusion_loss(self.model, batch, noise.to(device), timesteps.to(device),
                                  self.args.branch_prompts)
        finally:
            self.model.load_state_dict(current)
            self.model.train()
        return loss.item()

    def _next_indices(self):
        indices = []
        while len(indices) < self.args.batch_size:
            if not self.order:
                self.order = list(range(len(self.dataset)))
                self.rng.shuffle(self.order)
            indices.append(self.order.pop())
        return indices

    def save_checkpoint(self) -> None:
        """Write the checkpoint to a temporary file and rename it, so a crash mid-write keeps
        the previous checkpoint."""
        self.args.out.mkdir(parents=True, exist_ok=True)
        provenance = dict(self.provenance, steps=self.step)
        state = {
            "config": self.config.to_dict(),
            "tokenizer": self.tokenizer.state(),
            "model": self.model.state_dict(),
            "ema": self.ema.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "step": self.step,
            "order": list(self.order),
            "python_rng": self.rng.getstate(),
            "torch_rng": self.generator.get_state(),
            "args": {key: str(value) if isinstance(value, Path) else value
                     for key, value in vars(self.args).items()},
            "provenance": provenance,
        }
        partial = self.checkpoint_path.with_suffix(".pt.partial")
        torch.save(state, str(partial))
        os.replace(partial, self.checkpoint_path)

    def train_step(self) -> float:
        args = self.args
        batch = make_batch(self.dataset, self._next_indices(), self.tokenizer, self.rng,
                           args.prompt_dropout)
        batch = type(batch)(*(tensor.to(args.device) for tensor in vars(batch).values()))
        latent_shape = (args.batch_size, self.config.latent_channels,
                        batch.images.shape[2] // self.config.autoencoder.downsample_factor,
                        batch.images.shape[3] // self.config.autoencoder.downsample_factor)
        noise = torch.randn(latent_shape, generator=self.generator).to(args.device)
        timesteps = torch.randint(0, self.config.schedule.num_train_timesteps,
                                  (args.batch_size,), generator=self.generator).to(args.device)

        for group in self.optimizer.param_groups:
            group["lr"] = _learning_rate(args, self.step)
        loss = diffusion_loss(self.model, batch, noise, timesteps, args.branch_prompts)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.parameters, args.grad_clip)
        self.optimizer.step()
        self.ema.update(self.model)
        self.step += 1
        return loss.item()

    def run(self) -> None:
        args = self.args
        LOG.info("training %s: %d examples, regime %s, branch prompts %s, %d trainable "
                 "parameters, step %d of %d", self.config.name, len(self.dataset), args.regime,
                 args.branch_prompts, sum(p.numel() for p in self.parameters), self.step,
                 args.steps)
        self.model.train()
        window_loss, window_steps, window_start = 0.0, 0, time.monotonic()
        while self.step < args.steps:
            window_loss += self.train_step()
            window_steps += 1
            if self.step % args.log_every == 0 or self.step == args.steps:
                elapsed = time.monotonic() - window_start
                rate = window_steps / elapsed
                remaining_s = (args.steps - self.step) / rate
                print(f"step {self.step}/{args.steps} loss {window_loss / window_steps:.4f} "
                      f"lr {_learning_rate(args, self.step - 1):.2e} {rate:.2f} steps/s "
                      f"eta {int(remaining_s // 3600)}h{int(remaining_s % 3600 // 60):02d}m",
                      flush=True)
                window_loss, window_steps, window_start = 0.0, 0, time.monotonic()
            if self.validation is not None and (self.step % args.val_every == 0
                                                or self.step == args.steps):
                validation_start = time.monotonic()
                print(f"validation step {self.step} loss {self.validation_loss():.4f} (ema)",
                      flush=True)
                window_start += time.monotonic() - validation_start  # keep steps/s honest
            if self.step % args.checkpoint_every == 0:
                self.save_checkpoint()
        self.save_checkpoint()
        LOG.info("saved %s at step %d", self.checkpoint_path, self.step)


def limit_cpu_threads(threads: int) -> None:
    """Limit torch and, where torch uses OpenBLAS, the BLAS thread pool too, because
    torch.set_num_threads does not reach OpenBLAS (environment: OPENBLAS_NUM_THREADS)."""
    torch.set_num_threads(threads)
    try:
        blas = ctypes.CDLL("libblas.so.3")
        blas.openblas_set_num_threads(ctypes.c_int(threads))
    except (OSError, AttributeError):
        pass  # another BLAS; it follows OMP_NUM_THREADS or runs single-threaded


def main(argv=None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
                        stream=sys.stderr)
    args = parse_args(argv)
    if args.threads:
        limit_cpu_threads(args.threads)
    trainer = Trainer(args)
    trainer.run()
    if args.export:
        from .export import export_bundle, load_checkpoint
        model, tokenizer, state = load_checkpoint(trainer.checkpoint_path)
        export_bundle(model, tokenizer, args.export, args.seed, golden_steps=10,
                      training=dict(state["provenance"], weights="ema"))
        LOG.info("exported %s", args.export)


if __name__ == "__main__":
    main()
