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
from typing import Dict, List, Optional

import torch
from torch import Tensor

from .config import ModelConfig, named_config, tiny
from .golden import write_golden
from .model import VipModel, build_model
from .tokenizer import WordTokenizer

FORMAT_VERSION = 1
ARCHITECTURE = "vip-cts-unet"
LOG = logging.getLogger("vip_model.export")


def default_tiny_tokenizer(max_length: int) -> WordTokenizer:
    words = resources.files("vip_model").joinpath("resources/tiny_words.txt")
    with resources.as_file(words) as path:
        return WordTokenizer.from_word_file(path, max_length)


def model_json(config: ModelConfig, tokenizer: Optional[WordTokenizer], training: Dict) -> Dict:
    width, height = config.resolution
    text = {"max_length": config.text.max_length, "hidden_size": config.text.hidden_size,
            "closed_vocabulary": tokenizer is not None}
    if tokenizer is not None:
        text["known_words"] = [word for word in tokenizer.known_words if word.isalpha()]
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


def script_modules(model: VipModel) -> Dict[str, torch.jit.ScriptModule]:
    model.eval()
    return {
        "text_encoder": torch.jit.script(model.text_encoder),
        "unet": torch.jit.script(model.unet),
        "vae_encoder": torch.jit.script(model.autoencoder.encoder_module()),
        "vae_decoder": torch.jit.script(model.autoencoder.decoder_module()),
    }


def export_bundle(model: VipModel, tokenizer: WordTokenizer, out: Path, seed: int,
                  golden_steps: int, training: Dict, with_dpm_solver: bool = True) -> None:
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
    for name, module in script_modules(model).items():
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
                 with_dpm_solver)

    # 4. Publish in one rename so a reader never sees half a bundle.
    if out.exists():
        out.rmdir()
    staging.rename(out)


def load_checkpoint(path: Path, use_ema: bool = True):
    """Model and tokenizer from a training checkpoint written by vip_model.train."""
    state = torch.load(str(path), map_location="cpu")
    config = ModelConfig.from_dict(state["config"])
    tokenizer = WordTokenizer.from_state(state["tokenizer"])
    model = VipModel(config)
    weights = state["ema"] if use_ema and state.get("ema") is not None else state["model"]
    model.load_state_dict(weights)
    return model, tokenizer, state


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m vip_model.export",
                                     description="Export a VIP model bundle for the DJL runtime.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--random-init", action="store_true",
                        help="export randomly initialised weights (test bundles)")
    source.add_argument("--checkpoint", type=Path,
                        help="training checkpoint written by vip_model.train")
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
    parser.add_argument("--seed", type=int, default=0,
                        help="seed for random weights and golden tensors (default 0)")
    parser.add_argument("--golden-steps", type=int, default=10,
                        help="sampling steps of the golden DDIM run (default 10)")
    parser.add_argument("--no-dpm-solver", action="store_true",
                        help="skip the golden DPM-Solver++ run")
    parser.add_argument("--out", type=Path, required=True, help="bundle directory to create")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    args = parse_args(argv)
    torch.set_grad_enabled(False)
    started = time.monotonic()

    if args.random_init:
        if args.config != "tiny":
            raise SystemExit(f"--random-init supports --config tiny only, got {args.config!r}; "
                             "use vip_model.export_sd for Stable Diffusion weights")
        tokenizer = (WordTokenizer.from_word_file(args.words, args.max_length) if args.words
                     else default_tiny_tokenizer(args.max_length))
        config = tiny(vocab_size=tokenizer.vocab_size, max_length=args.max_length)
        model = build_model(config, seed=args.seed)
        training = {"source": "random initialisation", "seed": args.seed}
    else:
        model, tokenizer, state = load_checkpoint(args.checkpoint, use_ema=not args.no_ema)
        training = dict(state.get("provenance", {}))
        training["weights"] = "raw" if args.no_ema else "ema"

    if args.name:
        model.config.name = args.name
    if args.version:
        model.config.version = args.version
    export_bundle(model, tokenizer, args.out, args.seed, args.golden_steps, training,
                  with_dpm_solver=not args.no_dpm_solver)
    LOG.info("exported %s to %s in %.1f s", model.config.name, args.out,
             time.monotonic() - started)


if __name__ == "__main__":
    main()
