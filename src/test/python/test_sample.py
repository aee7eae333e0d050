import pytest
import torch
from PIL import Image

from vip_model.config import tiny
from vip_model.model import build_model
from vip_model.pipeline import Prompts, encode_prompts, prepare_inpaint, sample_ddim
from vip_model.sample import canvas_geometry, outpaint, to_tensor
from vip_model.tokenizer import WordTokenizer


def test_canvas_geometry_all_around():
    width, height, box = canvas_geometry((96, 80), [0.25, 0.25, 0.25, 0.25], (64, 64), 8)
    assert (width, height) == (72, 56)
    assert box == (12, 9, 60, 47)


def test_canvas_geometry_one_side():
    width, height, box = canvas_geometry((64, 64), [0.0, 0.0, 1.0, 0.0], (64, 64), 8)
    assert (width, height) == (88, 48)
    assert box[0] == 0
    assert box[1] == 0


def test_outpaint_keeps_known_pixels():
    tokenizer = WordTokenizer.from_texts(["a red ball", "blue wall"], 12)
    model = build_model(tiny(vocab_size=tokenizer.vocab_size, max_length=12), seed=0).eval()
    modules = {"text_encoder": model.text_encoder, "unet": model.unet,
               "vae_encoder": model.autoencoder.encoder_module(),
               "vae_decoder": model.autoencoder.decoder_module()}
    image = Image.new("RGB", (64, 64), (200, 40, 40))
    result = outpaint(model.config, tokenizer, modules, image, [0.25, 0.0, 0.25, 0.0],
                      Prompts("a red ball", "blue wall", "Center: a red ball; Surrounding: blue wall"),
                      steps=2, guidance_scale=4.0, seed=0, sampler="dpmpp_2m")
    assert result.size == (80, 56)
    pixels = to_tensor(result)
    _, _, box = canvas_geometry((64, 64), [0.25, 0.0, 0.25, 0.0], (64, 64), 8)
    known = pixels[:, :, box[1]:box[3], box[0]:box[2]]
    expected = torch.tensor([200, 40, 40]).view(1, 3, 1, 1) / 127.5 - 1
    assert torch.allclose(known, expected.expand_as(known), atol=1e-6)


def _tiny_ddim_inputs():
    tokenizer = WordTokenizer.from_texts(["sky"], 8)
    model = build_model(tiny(vocab_size=tokenizer.vocab_size, max_length=8), seed=0).eval()
    image = torch.rand(1, 3, 16, 16) * 2 - 1
    mask = torch.ones(1, 1, 16, 16)
    mask[:, :, 4:12, 4:12] = 0
    inputs = prepare_inpaint(model.autoencoder.encoder_module(), image, mask, 2)

    def encode_ids(texts):
        return torch.tensor(tokenizer.encode_batch(texts), dtype=torch.int64)

    with torch.no_grad():
        embeddings = encode_prompts(model.text_encoder, encode_ids, Prompts("sky", "sky", "sky"))
    noise = torch.randn(1, 12, 8, 8, generator=torch.Generator().manual_seed(3))
    return model, inputs, embeddings, noise


def _ddim(eta, seed):
    model, inputs, embeddings, noise = _tiny_ddim_inputs()
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    return sample_ddim(model.unet, model.autoencoder.decoder_module(), model.schedule, inputs,
                       embeddings, noise, 3, 2.0, eta=eta, generator=generator).latents[-1]


def test_ancestral_ddim_is_seeded():
    first, again, other_seed = _ddim(1.0, 5), _ddim(1.0, 5), _ddim(1.0, 6)
    deterministic = _ddim(0.0, None)

    assert torch.equal(first, again)
    assert (first - other_seed).abs().max() > 1e-3
    assert (first - deterministic).abs().max() > 1e-3


def test_ancestral_ddim_needs_generator():
    with pytest.raises(ValueError, match="generator"):
        _ddim(1.0, None)
