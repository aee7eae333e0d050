"""Outpaint one image with a training checkpoint or an exported bundle, for quick visual
checks during training (the service itself runs the bundle through DJL).

    python3 -m vip_model.sample --checkpoint runs/vip-tiny/checkpoint.pt --image photo.png \
        --expand 0.25 0.25 0.25 0.25 --center "a red house" --surrounding "green grass" \
        --out out.png

The canvas is the image with the given fraction of its width (left, right) or height (top,
bottom) added on each side. It is scaled to fit the model's working resolution. The output
PNG is at that scale, with the known pixels pasted back unchanged.
"""

import argparse
from pathlib import Path
from typing import List, Tuple

import numpy as np
import torch
from PIL import Image, ImageOps
from torch import Tensor

from .config import ModelConfig
from .pipeline import (Prompts, encode_prompts, prepare_inpaint, sample_ddim,
                       sample_dpm_solver)
from .schedule import NoiseSchedule, inference_timesteps
from .tokenizer import WordTokenizer, total_prompt


def canvas_geometry(image_size: Tuple[int, int], expand: List[float], resolution: Tuple[int, int],
                    multiple_of: int):
    """Canvas size in model pixels and the box of the known image inside it.

    Returns (canvas_width, canvas_height, (left, top, right, bottom)). The canvas keeps the
    aspect ratio of the expanded image, fits inside `resolution` pixels of area, and both
    sides are rounded to `multiple_of`.
    """
    width, height = image_size
    left, top, right, bottom = expand
    full_width = width * (1 + left + right)
    full_height = height * (1 + top + bottom)
    scale = (resolution[0] * resolution[1] / (full_width * full_height)) ** 0.5
    canvas_width = max(multiple_of, round(full_width * scale / multiple_of) * multiple_of)
    canvas_height = max(multiple_of, round(full_height * scale / multiple_of) * multiple_of)
    scale_x, scale_y = canvas_width / full_width, canvas_height / full_height
    box = (round(width * left * scale_x), round(height * top * scale_y),
           round(width * (1 + left) * scale_x), round(height * (1 + top) * scale_y))
    return canvas_width, canvas_height, box


def to_tensor(image: Image.Image) -> Tensor:
    array = np.asarray(image.convert("RGB"), dtype=np.float32) / 127.5 - 1.0
    return torch.from_numpy(array).permute(2, 0, 1)[None]


def to_image(tensor: Tensor) -> Image.Image:
    array = ((tensor[0].clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
    return Image.fromarray(array.permute(1, 2, 0).numpy())


def load_modules(args: argparse.Namespace):
    """(config, tokenizer, modules) from --checkpoint (eager) or --bundle (TorchScript)."""
    if args.checkpoint:
        from .export import load_checkpoint
        model, tokenizer, _ = load_checkpoint(args.checkpoint, use_ema=not args.no_ema)
        model.eval()
        modules = {"text_encoder": model.text_encoder, "unet": model.unet,
                   "vae_encoder": model.autoencoder.encoder_module(),
                   "vae_decoder": model.autoencoder.decoder_module()}
        return model.config, tokenizer, modules
    import json
    metadata = json.loads((args.bundle / "model.json").read_text())
    if metadata["latent"]["autoencoder"] != "pixel_unshuffle":
        raise SystemExit("--bundle supports word-level (tiny) bundles only; use --checkpoint")
    from .config import ScheduleConfig, SamplingDefaults, tiny
    tokenizer = WordTokenizer.load(args.bundle / "tokenizer.json")
    config = tiny(vocab_size=tokenizer.vocab_size, max_length=tokenizer.max_length)
    config.resolution = (metadata["resolution"]["width"], metadata["resolution"]["height"])
    config.schedule = ScheduleConfig(**metadata["noise_schedule"],
                                     prediction_type=metadata["prediction_type"])
    config.defaults = SamplingDefaults(**metadata["defaults"])
    modules = {name: torch.jit.load(str(args.bundle / f"{name}.pt"))
               for name in ("text_encoder", "unet", "vae_encoder", "vae_decoder")}
    return config, tokenizer, modules


def outpaint(config: ModelConfig, tokenizer, modules, image: Image.Image, expand: List[float],
             prompts: Prompts, steps: int, guidance_scale: float, seed: int,
             sampler: str, eta: float = 0.0) -> Image.Image:
    canvas_width, canvas_height, box = canvas_geometry(image.size, expand, config.resolution,
                                                       config.multiple_of)
    # 1. Canvas with the scaled image in its box and a mask that is 1 outside the box.
    known = image.convert("RGB").resize((box[2] - box[0], box[3] - box[1]), Image.BICUBIC)
    canvas = Image.new("RGB", (canvas_width, canvas_height), (127, 127, 127))
    canvas.paste(known, box[:2])
    mask = torch.ones(1, 1, canvas_height, canvas_width)
    mask[:, :, box[1]:box[3], box[0]:box[2]] = 0
    canvas_tensor = to_tensor(canvas)

    # 2. Encode, denoise, decode.
    factor = config.autoencoder.downsample_factor
    inputs = prepare_inpaint(modules["vae_encoder"], canvas_tensor, mask, factor)

    def encode_ids(texts):
        return torch.tensor(tokenizer.encode_batch(texts), dtype=torch.int64)

    with torch.no_grad():
        embeddings = encode_prompts(modules["text_encoder"], encode_ids, prompts)
    generator = torch.Generator().manual_seed(seed)
    noise = torch.randn((1, config.latent_channels, canvas_height // factor,
                         canvas_width // factor), generator=generator)
    schedule = NoiseSchedule(config.schedule)
    if sampler == "ddim":
        run = sample_ddim(modules["unet"], modules["vae_decoder"], schedule, inputs, embeddings,
                          noise, steps, guidance_scale, config.defaults.timestep_spacing,
                          config.defaults.steps_offset, eta, generator)
    else:
        timesteps = inference_timesteps(schedule.num_train_timesteps, steps,
                                        config.defaults.timestep_spacing,
                                        config.defaults.steps_offset)
        run = sample_dpm_solver(modules["unet"], modules["vae_decoder"], schedule, inputs,
                                embeddings, noise, timesteps, guidance_scale)

    # 3. Keep the known pixels exactly.
    result = run.decoded * mask + canvas_tensor * (1 - mask)
    return to_image(result)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m vip_model.sample", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", type=Path, help="training checkpoint")
    source.add_argument("--bundle", type=Path, help="exported tiny bundle folder")
    parser.add_argument("--no-ema", action="store_true", help="use raw checkpoint weights")

    parser.add_argument("--image", type=Path, required=True, help="input image")
    parser.add_argument("--expand", type=float, nargs=4, default=[0.25] * 4,
                        metavar=("LEFT", "TOP", "RIGHT", "BOTTOM"),
                        help="added canvas per side as a fraction of the image width or "
                             "height, each 0..2 (default 0.25 each)")
    parser.add_argument("--center", default="", help="center prompt (default empty)")
    parser.add_argument("--surrounding", default="", help="surrounding prompt (default empty)")

    parser.add_argument("--sampler", choices=("ddim", "dpmpp_2m"), default="ddim")
    parser.add_argument("--steps", type=int, help="sampling steps (default: the model's)")
    parser.add_argument("--guidance-scale", type=float,
                        help="classifier-free guidance scale (default: the model's)")
    parser.add_argument("--eta", type=float,
                        help="DDIM eta 0..1, 1 = ancestral (default: the model's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="output PNG")
    args = parser.parse_args(argv)

    if any(not 0.0 <= fraction <= 2.0 for fraction in args.expand):
        raise SystemExit(f"--expand fractions must be 0..2, got {args.expand}")
    if sum(args.expand) == 0:
        raise SystemExit("--expand adds nothing; give at least one side a fraction above 0")
    config, tokenizer, modules = load_modules(args)
    steps = config.defaults.steps if args.steps is None else args.steps
    guidance_scale = (config.defaults.guidance_scale if args.guidance_scale is None
                      else args.guidance_scale)
    eta = config.defaults.eta if args.eta is None else args.eta
    if not 1 <= steps <= 1000:
        raise SystemExit(f"--steps must be 1..1000, got {steps}")
    if not 0.0 <= eta <= 1.0:
        raise SystemExit(f"--eta must be 0..1, got {eta}")
    with Image.open(args.image) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    prompts = Prompts(args.center, args.surrounding,
                      total_prompt(args.center, args.surrounding)
                      if args.center or args.surrounding else "")
    result = outpaint(config, tokenizer, modules, image, args.expand, prompts, steps,
                      guidance_scale, args.seed, args.sampler, eta)
    result.save(args.out)
    print(f"wrote {args.out} ({result.width}x{result.height})")


if __name__ == "__main__":
    main()
