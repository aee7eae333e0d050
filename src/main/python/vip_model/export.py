"""Export a VIP model to the DJL model bundle (see docs/bundle-format.md).

    python3 -m vip_model.export --config tiny --random-init --seed 0 --out DIR
    python3 -m vip_model.export --checkpoint run/checkpoint.pt --out DIR
"""

import argparse
import json
import logging
import shutil
import time
from importlib import resources
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import torch
from torch import Tensor

from .config import ModelConfig, named_config, tiny
from .golden import write_golden
from .model import VipModel, build_model
from .tokenizer import WordTokenizer, tokenizer_from_state

FORMAT_VERSION = 1
ARCHITECTURE = "vip-cts-unet"
LOG = logging.getLogger("vip_model.export")


def default_tiny_tokenizer(max_length: int) -> WordTokenizer:
    words = resources.files("vip_model").joinpath("resources/tiny_words.txt")
    with resources.as_file(words) as path:
        return WordTokenizer.from_word_file(path, max_length)


def model_json(config: ModelConfig, tokenizer, training: Dict) -> Dict:
    """Build model.json. A closed vocabulary lists its alphabetic words as known_words."""
    width, height = config.resolution
    known_words = tokenizer.known_words
    text = {"max_length": config.text.max_length, "hidden_size": config.text.hidden_size,
            "closed_vocabulary": known_words is not None}
    if known_words is not None:
        text["known_words"] = [word for word in known_words if word.isalpha()]
    return {
        "format_version": FORMAT_VERSION,
        "name": config.name,
        "version": config.version,
        "architecture": ARCHITECTURE,
        "prediction_type": config.schedule.prediction_type,
        "noise_schedule": {
            "num_train_timesteps": config.schedule.num_train_timesteps,
            "beta_schedule": config.schedule.beta_schedule,
            "beta_start": config.schedule.beta_start,
            "beta_end": config.schedule.beta_end,
        },
        "latent": {
            "autoencoder": config.autoencoder.kind,
            "channels": config.latent_channels,
            "downsample_factor": config.autoencoder.downsample_factor,
            "scale_factor": config.autoencoder.scale_factor,
        },
        "resolution": {"width": width, "height": height, "multiple_of": config.multiple_of},
        "text": text,
        "defaults": {
            "sampler": config.defaults.sampler,
            "steps": config.defaults.steps,
            "guidance_scale": config.defaults.guidance_scale,
            "eta": config.defaults.eta,
            "timestep_spacing": config.defaults.timestep_spacing,
            "steps_offset": config.defaults.steps_offset,
        },
        "training": training,
    }


class TotalPromptUNet(torch.nn.Module):
    """The bundle UNet of a model trained with the total prompt in all three branches: it keeps
    the bundle signature but gives every branch `e_total`, as during that training."""

    def __init__(self, unet: torch.nn.Module):
        super().__init__()
        self.unet = unet

    def forward(self, sample: Tensor, timestep: Tensor, e_total: Tensor, e_center: Tensor,
                e_surround: Tensor, mask: Tensor) -> Tensor:
        return self.unet(sample, timestep, e_total, e_total, e_total, mask)


def script_modules(model: VipModel, branch_prompts: str = "own"
                   ) -> Dict[str, torch.jit.ScriptModule]:
    """Script the four bundle modules. With branch_prompts "total" the UNet is wrapped in
    TotalPromptUNet."""
    if branch_prompts not in ("own", "total"):
        raise ValueError(f"branch_prompts must be 'own' or 'total', got {branch_prompts!r}")
    model.eval()
    unet = TotalPromptUNet(model.unet) if branch_prompts == "total" else model.unet
    return {
        "text_encoder": torch.jit.script(model.text_encoder),
        "unet": torch.jit.script(unet),
        "vae_encoder": torch.jit.script(model.autoencoder.encoder_module()),
        "vae_decoder": torch.jit.script(model.autoencoder.decoder_module()),
    }


def export_bundle(model: VipModel, tokenizer, out: Path, seed: int, golden_steps: int,
                  training: Dict, with_dpm_solver: bool = True,
                  golden_resolution: Optional[Tuple[int, int]] = None) -> None:
    """Write model.json, tokenizer.json, the four TorchScript files and golden/ into `out`."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"output directory {out} is not empty; choose a new directory")
    staging = out.with_name(out.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)

    # 1. TorchScript modules, saved and loaded back so golden/ records what the bundle runs.
    loaded = {}
    branch_prompts = training.get("branch_prompts", "own")
    for name, module in script_modules(model, branch_prompts).items():
        path = staging / f"{name}.pt"
        module.save(str(path))
        loaded[name] = torch.jit.load(str(path))

    # 2. Metadata and tokenizer.
    tokenizer.save(staging / "tokenizer.json")
    metadata = model_json(model.config, tokenizer, training)
    (staging / "model.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")

    # 3. Golden tensors.
    def encode_ids(texts: List[str]) -> Tensor:
        return torch.tensor(tokenizer.encode_batch(texts), dtype=torch.int64)

    write_golden(staging / "golden", model.config, loaded, encode_ids, seed, golden_steps,
                 with_dpm_solver, golden_resolution or model.config.resolution)

    # 4. Publish in one rename so a reader never sees half a bundle.
    if out.exists():
        out.rmdir()
    staging.rename(out)


def load_checkpoint(path: Path, use_ema: bool = True):
    """Model and tokenizer from a training checkpoint written by vip_model.train."""
    state = torch.load(str(path), map_location="cpu")
    config = ModelConfig.from_dict(state["config"])
    tokenizer = tokenizer_from_state(state["tokenizer"])
    model = VipModel(config)
    weights = state["ema"]["shadow"] if use_ema and state.get("ema") else state["model"]
    model.load_state_dict(weights)
    return model, tokenizer, state


def apply_default_overrides(config, args: argparse.Namespace) -> None:
    """Write --default-* values into the config's sampling defaults, checked up front so a
    bad value never reaches model.json."""
    if args.default_steps is not None:
        if not 1 <= args.default_steps <= 1000:
            raise SystemExit(f"--default-steps must be 1..1000, got {args.default_steps}")
        config.defaults.steps = args.default_steps
    if args.default_guidance_scale is not None:
        if not 1.0 <= args.default_guidance_scale <= 30.0:
            raise SystemExit(f"--default-guidance-scale must be 1..30, "
                             f"got {args.default_guidance_scale}")
        config.defaults.guidance_scale = args.default_guidance_scale
    if args.default_timestep_spacing is not None:
        config.defaults.timestep_spacing = args.default_timestep_spacing
    if args.default_eta is not None:
        if not 0.0 <= args.default_eta <= 1.0:
            raise SystemExit(f"--default-eta must be 0..1, got {args.default_eta}")
        config.defaults.eta = args.default_eta


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m vip_model.export",
                                     description="Export a VIP model bundle for the DJL runtime.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--random-init", action="store_true",
                        help="export randomly initialised weights (test bundles)")
    source.add_argument("--checkpoint", type=Path,
                        help="training checkpoint written by vip_model.train")
    source.add_argument("--sd15", type=Path,
                        help="diffusers Stable Diffusion 1.5 inpainting folder (unet/, "
                             "text_encoder/, vae/, tokenizer/, scheduler/)")

    parser.add_argument("--cts-weights", type=Path,
                        help="with --sd15: trained C-T-S copies and gates (.safetensors or "
                             ".pt, as written by vip_model.cts_weights); without it the copies "
                             "equal the base blocks and the gates are 0")
    parser.add_argument("--config", default="tiny",
                        help="model config for --random-init: tiny (default)")
    parser.add_argument("--words", type=Path,
                        help="word list file for the closed vocabulary (default: built-in list)")
    parser.add_argument("--max-length", type=int, default=32,
                        help="text max length in tokens for --random-init (default 32)")
    parser.add_argument("--no-ema", action="store_true",
                        help="export the raw weights of --checkpoint instead of its EMA weights")

    parser.add_argument("--name", help="bundle name written to model.json")
    parser.add_argument("--version", help="bundle version written to model.json")

    parser.add_argument("--default-steps", type=int,
                        help="sampling steps written to model.json defaults (default: the "
                             "model config's, 25 for tiny)")
    parser.add_argument("--default-guidance-scale", type=float,
                        help="guidance scale written to model.json defaults")
    parser.add_argument("--default-timestep-spacing", choices=("leading", "trailing"),
                        help="timestep spacing written to model.json defaults; trailing "
                             "starts at the last training timestep, which few-step "
                             "sampling needs")
    parser.add_argument("--default-eta", type=float,
                        help="DDIM eta written to model.json defaults, 0..1 (1 = ancestral "
                             "sampling, which small models need)")

    parser.add_argument("--seed", type=int, default=0,
                        help="seed for random weights and golden tensors (default 0)")
    parser.add_argument("--golden-steps", type=int, default=10,
                        help="sampling steps of the golden DDIM run (default 10)")
    parser.add_argument("--no-dpm-solver", action="store_true",
                        help="skip the golden DPM-Solver++ run")
    parser.add_argument("--golden-resolution", type=int, nargs=2, metavar=("WIDTH", "HEIGHT"),
                        help="image size of the golden runs (default: the working resolution; "
                             "use 256 256 for SD 1.5 on CPU)")

    parser.add_argument("--out", type=Path, required=True, help="bundle directory to create")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    args = parse_args(argv)
    # A local no_grad, not torch.set_grad_enabled(False): tests call main() in the same
    # process as training tests, which need gradients afterwards.
    with torch.no_grad():
        _export(args)


def _export(args: argparse.Namespace) -> None:
    started = time.monotonic()

    if args.random_init:
        if args.config != "tiny":
            raise SystemExit(f"--random-init supports --config tiny only, got {args.config!r}; "
                             "use --sd15 DIR for Stable Diffusion weights")
        tokenizer = (WordTokenizer.from_word_file(args.words, args.max_length) if args.words
                     else default_tiny_tokenizer(args.max_length))
        config = tiny(vocab_size=tokenizer.vocab_size, max_length=args.max_length)
        model = build_model(config, seed=args.seed)
        training = {"source": "random initialisation", "seed": args.seed}
    elif args.sd15:
        from .loaders import load_sd15_inpaint
        model, tokenizer = load_sd15_inpaint(args.sd15, args.cts_weights)
        training = {"base": f"Stable Diffusion 1.5 inpainting ({args.sd15.name})",
                    "cts_weights": args.cts_weights.name if args.cts_weights else None}
    else:
        model, tokenizer, state = load_checkpoint(args.checkpoint, use_ema=not args.no_ema)
        training = dict(state.get("provenance", {}))
        training["weights"] = "raw" if args.no_ema else "ema"

    if args.name:
        model.config.name = args.name
    if args.version:
        model.config.version = args.version
    apply_default_overrides(model.config, args)
    if args.cts_weights and not args.sd15:
        raise SystemExit("--cts-weights applies to --sd15 only")
    export_bundle(model, tokenizer, args.out, args.seed, args.golden_steps, training,
                  with_dpm_solver=not args.no_dpm_solver,
                  golden_resolution=tuple(args.golden_resolution) if args.golden_resolution
                  else None)
    LOG.info("exported %s to %s in %.1f s", model.config.name, args.out,
             time.monotonic() - started)


if __name__ == "__main__":
    main()
