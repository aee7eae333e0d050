"""Map real checkpoints onto the VIP modules.

Supported layouts:
- UNet: diffusers `UNet2DConditionModel` keys (Stable Diffusion 1.5 inpainting). The only
  rename is `transformer_blocks.N.` -> `transformer_blocks.N.total.`; the C-T-S copies are then
  cloned from the base blocks and the gates start at 0.
- Text encoder: transformers `CLIPTextModel` keys (`text_model.` prefix dropped).
- VAE: diffusers `AutoencoderKL` keys, with both attention namings (`to_q/to_k/to_v/to_out.0`
  and the older `query/key/value/proj_attn`) and 1x1-convolution attention weights.
NOTE: original single-file LDM checkpoints (`model.diffusion_model.input_blocks...`) are not
mapped; convert them to the diffusers layout first.
"""

import json
import re
from pathlib import Path
from typing import Dict, Iterable, Optional

import torch
from torch import Tensor, nn

from .config import ModelConfig, sd15_inpaint
from .model import VipModel
from .safetensors import load_weights

_BLOCK_KEY = re.compile(r"(\.transformer_blocks\.\d+\.)")
_VAE_ATTENTION_RENAMES = {"query": "to_q", "key": "to_k", "value": "to_v",
                          "proj_attn": "to_out.0"}


def map_unet_keys(state: Dict[str, Tensor]) -> Dict[str, Tensor]:
    """diffusers UNet keys -> VipUNet keys of the base (`total`) blocks."""
    return {_BLOCK_KEY.sub(r"\1total.", name): value for name, value in state.items()}


def map_text_encoder_keys(state: Dict[str, Tensor]) -> Dict[str, Tensor]:
    mapped = {}
    for name, value in state.items():
        if name.endswith("position_ids"):
            continue  # a constant buffer [1, max_length] in transformers, not a weight
        mapped[name[len("text_model."):] if name.startswith("text_model.") else name] = value
    return mapped


def map_vae_keys(state: Dict[str, Tensor]) -> Dict[str, Tensor]:
    mapped = {}
    for name, value in state.items():
        parts = name.split(".")
        if ".attentions." in name and len(parts) >= 2 and parts[-2] in _VAE_ATTENTION_RENAMES:
            parts[-2] = _VAE_ATTENTION_RENAMES[parts[-2]]
            name = ".".join(parts)
        if ".attentions." in name and value.dim() == 4 and name.endswith("weight") \
                and "group_norm" not in name:
            value = value[:, :, 0, 0]  # attention projections saved as 1x1 convolutions
        mapped[name] = value
    return mapped


def load_into(module: nn.Module, state: Dict[str, Tensor], what: str,
              ignore_missing: Iterable[str] = ()) -> None:
    """Copy `state` into `module`, converting dtypes. Every module key must be present unless
    it contains one of the `ignore_missing` substrings, and unknown keys raise ValueError."""
    own = module.state_dict()
    ignore_missing = tuple(ignore_missing)
    missing = [name for name in own if name not in state
               and not any(part in name for part in ignore_missing)]
    unexpected = [name for name in state if name not in own]
    if missing or unexpected:
        raise ValueError(f"{what}: checkpoint does not match the config: {len(missing)} missing "
                         f"keys (first: {missing[:3]}), {len(unexpected)} unexpected keys "
                         f"(first: {unexpected[:3]})")
    for name, value in state.items():
        if own[name].shape != value.shape:
            raise ValueError(f"{what}: {name} has shape {list(value.shape)} in the checkpoint, "
                             f"the config expects {list(own[name].shape)}")
    with torch.no_grad():
        for name, value in state.items():
            own[name].copy_(value.to(own[name].dtype))


def load_unet(model: VipModel, state: Dict[str, Tensor]) -> None:
    """Load base UNet weights, then clone the C-T-S copies from them and zero the gates."""
    load_into(model.unet, map_unet_keys(state), "unet",
              ignore_missing=(".center.", ".surround.", ".gate"))
    model.unet.clone_cts_copies()
    with torch.no_grad():
        for block in model.unet.cts_blocks():
            block.gate.zero_()


def load_cts_weights(model: VipModel, state: Dict[str, Tensor]) -> None:
    """Overlay trained C-T-S copies and gates (keys as in VipUNet, with or without `unet.`)."""
    state = {name[len("unet."):] if name.startswith("unet.") else name: value
             for name, value in state.items()}
    own = model.unet.state_dict()
    cts_names = [name for name in own if ".center." in name or ".surround." in name
                 or name.endswith(".gate")]
    foreign = [name for name in state if name not in cts_names]
    if foreign:
        raise ValueError(f"C-T-S weights contain {len(foreign)} keys that are not C-T-S copies "
                         f"or gates (first: {foreign[:3]})")
    missing = [name for name in cts_names if name not in state]
    if missing:
        raise ValueError(f"C-T-S weights miss {len(missing)} keys (first: {missing[:3]})")
    load_into(model.unet, {**{n: v for n, v in own.items() if n not in state}, **state},
              "cts weights")


def cts_state_dict(model: VipModel) -> Dict[str, Tensor]:
    """Return the C-T-S copies and gates, the part a `cts` regime run trains."""
    return {name: value for name, value in model.unet.state_dict().items()
            if ".center." in name or ".surround." in name or name.endswith(".gate")}


def _weights_file(folder: Path, stems: Iterable[str]) -> Path:
    for stem in stems:
        for suffix in (".safetensors", ".bin"):
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate
    raise FileNotFoundError(f"no weights in {folder}: expected one of "
                            f"{[s + '.safetensors' for s in stems]} or .bin")


def sd15_config_from_folder(folder: Path) -> ModelConfig:
    """sd15_inpaint() with the schedule and prediction type of the folder's scheduler config
    and the UNet channels checked against unet/config.json where present."""
    config = sd15_inpaint()
    scheduler = folder / "scheduler" / "scheduler_config.json"
    if scheduler.is_file():
        values = json.loads(scheduler.read_text())
        config.schedule.num_train_timesteps = values.get("num_train_timesteps", 1000)
        config.schedule.beta_schedule = values.get("beta_schedule", "scaled_linear")
        config.schedule.beta_start = values.get("beta_start", 0.00085)
        config.schedule.beta_end = values.get("beta_end", 0.012)
        config.schedule.prediction_type = values.get("prediction_type", "epsilon")
    unet_config = folder / "unet" / "config.json"
    if unet_config.is_file():
        values = json.loads(unet_config.read_text())
        if values.get("in_channels") != 9:
            raise ValueError(f"{unet_config}: in_channels is {values.get('in_channels')}; "
                             "an inpainting UNet with 9 input channels is required")
        if tuple(values.get("block_out_channels", ())) != config.unet.block_out_channels:
            raise ValueError(f"{unet_config}: block_out_channels "
                             f"{values.get('block_out_channels')} differ from SD 1.5's "
                             f"{list(config.unet.block_out_channels)}")
    return config


def load_sd15_inpaint(folder: Path, cts_weights: Optional[Path] = None,
                      config: Optional[ModelConfig] = None):
    """Load a VipModel and CLIP tokenizer from a diffusers SD 1.5 inpainting folder
    (unet/, text_encoder/, vae/, tokenizer/, scheduler/). `config` replaces the SD 1.5 sizes
    (tests use reduced widths)."""
    from .clip_tokenizer import ClipTokenizer

    folder = Path(folder)
    config = config or sd15_config_from_folder(folder)
    model = VipModel(config)
    load_unet(model, load_weights(_weights_file(folder / "unet", ["diffusion_pytorch_model"])))
    load_into(model.text_encoder, map_text_encoder_keys(load_weights(
        _weights_file(folder / "text_encoder", ["model", "pytorch_model"]))), "text_encoder")
    load_into(model.autoencoder, map_vae_keys(load_weights(
        _weights_file(folder / "vae", ["diffusion_pytorch_model"]))), "vae")
    if cts_weights is not None:
        load_cts_weights(model, load_weights(cts_weights))
    tokenizer = ClipTokenizer.from_folder(folder / "tokenizer", config.text.max_length)
    return model, tokenizer
