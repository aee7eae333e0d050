"""Checkpoint key mapping, checked on random state dicts that carry the real diffusers and
transformers key names at reduced widths."""

import json
import struct

import numpy as np
import pytest
import torch

from conftest import reduced_sd15
from vip_model.clip_tokenizer import ClipTokenizer
from vip_model.loaders import (cts_state_dict, load_cts_weights, load_into, load_sd15_inpaint,
                               load_unet, map_text_encoder_keys, map_unet_keys, map_vae_keys)
from vip_model.model import VipModel, build_model
from vip_model.safetensors import load_file, load_weights, save_file

# Names copied from the Stable Diffusion 1.5 inpainting checkpoint layout (diffusers).
REAL_UNET_KEYS = [
    "conv_in.weight",
    "time_embedding.linear_1.weight",
    "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight",
    "down_blocks.0.attentions.1.proj_in.weight",
    "down_blocks.1.resnets.0.conv_shortcut.weight",
    "down_blocks.2.downsamplers.0.conv.weight",
    "down_blocks.3.resnets.1.time_emb_proj.bias",
    "mid_block.attentions.0.transformer_blocks.0.ff.net.0.proj.weight",
    "up_blocks.0.upsamplers.0.conv.weight",
    "up_blocks.3.attentions.2.transformer_blocks.0.norm3.bias",
    "up_blocks.3.resnets.2.conv_shortcut.weight",
    "conv_norm_out.weight",
    "conv_out.bias",
]
REAL_TEXT_KEYS = [
    "text_model.embeddings.token_embedding.weight",
    "text_model.embeddings.position_embedding.weight",
    "text_model.embeddings.position_ids",
    "text_model.encoder.layers.0.self_attn.q_proj.weight",
    "text_model.encoder.layers.1.mlp.fc2.bias",
    "text_model.final_layer_norm.weight",
]
REAL_VAE_KEYS_OLD_ATTENTION = [
    "encoder.down_blocks.0.resnets.0.norm1.weight",
    "encoder.down_blocks.1.resnets.0.conv_shortcut.weight",
    "encoder.down_blocks.0.downsamplers.0.conv.weight",
    "encoder.mid_block.attentions.0.query.weight",
    "encoder.mid_block.attentions.0.proj_attn.bias",
    "encoder.mid_block.attentions.0.group_norm.weight",
    "decoder.up_blocks.0.upsamplers.0.conv.weight",
    "decoder.up_blocks.3.resnets.2.conv2.weight",
    "quant_conv.weight",
    "post_quant_conv.bias",
]


def _random_like(state):
    generator = torch.Generator().manual_seed(0)
    return {name: torch.randn(value.shape, generator=generator) for name, value in state.items()}


def diffusers_unet_state(model: VipModel):
    """The model's base UNet weights under diffusers names, with random values."""
    state = {}
    for name, value in model.unet.state_dict().items():
        if ".center." in name or ".surround." in name or name.endswith(".gate"):
            continue
        state[name.replace(".total.", ".")] = value
    return _random_like(state)


def transformers_text_state(model: VipModel):
    state = {f"text_model.{name}": value for name, value in model.text_encoder.state_dict().items()}
    state = _random_like(state)
    length = model.config.text.max_length
    state["text_model.embeddings.position_ids"] = torch.arange(length)[None]
    return state


def old_diffusers_vae_state(model: VipModel):
    """VAE weights with the older attention names and 1x1-convolution attention weights."""
    renames = {"to_q": "query", "to_k": "key", "to_v": "value", "to_out.0": "proj_attn"}
    state = {}
    for name, value in _random_like(model.autoencoder.state_dict()).items():
        for new, old in renames.items():
            if f".attentions.0.{new}." in name:
                name = name.replace(f".attentions.0.{new}.", f".attentions.0.{old}.")
                if name.endswith("weight"):
                    value = value[:, :, None, None]
        state[name] = value
    return state


@pytest.fixture(scope="module")
def model():
    return build_model(reduced_sd15(), seed=0)


def test_unet_state_has_real_names_and_count(model):
    state = diffusers_unet_state(model)
    # SD 1.5's diffusers UNet has 686 tensors; the names do not depend on the widths.
    assert len(state) == 686
    for name in REAL_UNET_KEYS:
        assert name in state, name


def test_unet_mapping_loads_base_and_clones_copies(model):
    state = diffusers_unet_state(model)
    target = VipModel(reduced_sd15())
    load_unet(target, state)
    key = "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight"
    block = target.unet.down_blocks[0].attentions[0].transformer_blocks[0]
    assert torch.equal(block.total.attn2.to_k.weight, state[key])
    assert torch.equal(block.center.attn2.to_k.weight, state[key])
    assert torch.equal(block.surround.attn2.to_k.weight, state[key])
    assert torch.equal(target.unet.conv_in.weight, state["conv_in.weight"])
    assert all(cts.gate.item() == 0.0 for cts in target.unet.cts_blocks())


def test_unet_mapping_renames_only_transformer_blocks():
    mapped = map_unet_keys({
        "mid_block.attentions.0.transformer_blocks.0.attn1.to_q.weight": torch.zeros(1),
        "mid_block.attentions.0.proj_in.weight": torch.zeros(1)})
    assert set(mapped) == {"mid_block.attentions.0.transformer_blocks.0.total.attn1.to_q.weight",
                           "mid_block.attentions.0.proj_in.weight"}


def test_unet_loader_reports_missing_and_shape(model):
    state = diffusers_unet_state(model)
    del state["conv_out.bias"]
    with pytest.raises(ValueError, match="1 missing keys .*conv_out.bias"):
        load_unet(VipModel(reduced_sd15()), state)
    state = diffusers_unet_state(model)
    state["conv_in.weight"] = torch.zeros(1, 2, 3, 3)
    with pytest.raises(ValueError, match="conv_in.weight has shape \\[1, 2, 3, 3\\]"):
        load_unet(VipModel(reduced_sd15()), state)


def test_text_encoder_mapping(model):
    state = transformers_text_state(model)
    for name in REAL_TEXT_KEYS:
        assert name in state, name
    target = VipModel(reduced_sd15())
    load_into(target.text_encoder, map_text_encoder_keys(state), "text_encoder")
    assert torch.equal(target.text_encoder.encoder.layers[0].self_attn.q_proj.weight,
                       state["text_model.encoder.layers.0.self_attn.q_proj.weight"])


def test_clip_text_key_count_formula(model):
    # transformers' CLIPTextModel: 16 tensors per layer + 4 + position_ids; 197 for 12 layers.
    layers = model.config.text.num_layers
    assert len(transformers_text_state(model)) == 16 * layers + 5


def test_vae_mapping_with_old_attention_names(model):
    state = old_diffusers_vae_state(model)
    # SD's diffusers VAE has 248 tensors.
    assert len(state) == 248
    for name in REAL_VAE_KEYS_OLD_ATTENTION:
        assert name in state, name
    target = VipModel(reduced_sd15())
    load_into(target.autoencoder, map_vae_keys(state), "vae")
    attention = target.autoencoder.encoder.mid_block.attentions[0]
    assert torch.equal(attention.to_q.weight,
                       state["encoder.mid_block.attentions.0.query.weight"][:, :, 0, 0])
    assert torch.equal(attention.to_out[0].bias,
                       state["encoder.mid_block.attentions.0.proj_attn.bias"])


def test_cts_weights_overlay(model, tmp_path):
    trained = build_model(reduced_sd15(), seed=1)
    with torch.no_grad():
        for block in trained.unet.cts_blocks():
            block.gate.fill_(0.3)
            for parameter in block.center.parameters():
                parameter.add_(1.0)
    path = tmp_path / "cts.safetensors"
    save_file(cts_state_dict(trained), path)

    target = VipModel(reduced_sd15())
    load_unet(target, diffusers_unet_state(model))
    base_before = target.unet.conv_in.weight.clone()
    load_cts_weights(target, load_weights(path))
    for name, value in cts_state_dict(trained).items():
        assert torch.equal(target.unet.state_dict()[name], value), name
    assert torch.equal(target.unet.conv_in.weight, base_before)


def test_cts_weights_reject_base_keys(model):
    with pytest.raises(ValueError, match="not C-T-S copies"):
        load_cts_weights(VipModel(reduced_sd15()), {"conv_in.weight": torch.zeros(1)})


def test_safetensors_reader_on_handmade_file(tmp_path):
    floats = np.arange(6, dtype="<f4")
    bf16 = (np.array([1.5, -2.0], dtype="<f4").view("<u4") >> 16).astype("<u2")
    halves = np.array([0.5, 4.0], dtype="<f2")
    data = floats.tobytes() + bf16.tobytes() + halves.tobytes()
    header = {"__metadata__": {"format": "pt"},
              "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "BF16", "shape": [2], "data_offsets": [24, 28]},
              "h": {"dtype": "F16", "shape": [2], "data_offsets": [28, 32]}}
    encoded = json.dumps(header).encode()
    path = tmp_path / "handmade.safetensors"
    path.write_bytes(struct.pack("<Q", len(encoded)) + encoded + data)

    tensors = load_file(path)
    assert tensors["w"].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert tensors["b"].dtype == torch.bfloat16
    assert tensors["b"].float().tolist() == [1.5, -2.0]
    assert tensors["h"].tolist() == [0.5, 4.0]


def _tiny_clip_files(folder):
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1, "a</w>": 2, "p": 3, "h": 4, "o": 5,
             "t": 6, "o</w>": 7, "ph": 8, "pho": 9, "to</w>": 10, "photo</w>": 11}
    merges = ["#version: 0.2", "p h", "ph o", "t o</w>", "pho to</w>"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("\n".join(merges) + "\n")


def test_clip_tokenizer_bpe_and_padding(tmp_path):
    _tiny_clip_files(tmp_path / "tokenizer")
    tokenizer = ClipTokenizer.from_folder(tmp_path / "tokenizer", max_length=8)
    assert tokenizer.tokenize("A  Photo!") == ["a</w>", "photo</w>", "!</w>"]
    # Unknown pieces map to <|endoftext|>, which is also the pad token.
    assert tokenizer.encode("A  Photo!") == [0, 2, 11, 1, 1, 1, 1, 1]
    data = tokenizer.to_huggingface_json()
    assert data["model"]["merges"][0] == "p h"
    assert data["padding"]["pad_id"] == 1
    assert data["truncation"]["max_length"] == 8


def test_load_sd15_folder(model, tmp_path):
    folder = tmp_path / "sd15"
    for part in ("unet", "text_encoder", "vae"):
        (folder / part).mkdir(parents=True)
    save_file(diffusers_unet_state(model), folder / "unet" / "diffusion_pytorch_model.safetensors")
    torch.save(transformers_text_state(model), folder / "text_encoder" / "pytorch_model.bin")
    save_file(old_diffusers_vae_state(model), folder / "vae" / "diffusion_pytorch_model.safetensors")
    _tiny_clip_files(folder / "tokenizer")

    loaded, tokenizer = load_sd15_inpaint(folder, config=reduced_sd15())
    assert tokenizer.max_length == 8
    assert torch.equal(loaded.unet.conv_out.bias,
                       diffusers_unet_state(model)["conv_out.bias"])
