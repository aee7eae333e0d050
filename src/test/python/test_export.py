import json
from pathlib import Path

import numpy as np
import pytest
import torch

from conftest import reduced_sd15
from vip_model.config import tiny
from vip_model.export import export_bundle, script_modules
from vip_model.model import build_model
from vip_model.tokenizer import WordTokenizer

DTYPES = {"float32": "<f4", "int64": "<i8"}


@pytest.mark.parametrize("config", [tiny(vocab_size=50, max_length=16), reduced_sd15()],
                         ids=["tiny", "reduced-sd15"])
def test_torchscript_equals_eager(config):
    model = build_model(config, seed=0).eval()
    for block in model.unet.cts_blocks():
        with torch.no_grad():
            block.gate.fill_(0.5)
    scripted = script_modules(model)
    torch.manual_seed(1)
    size = config.multiple_of * 2
    factor = config.autoencoder.downsample_factor
    ids = torch.randint(0, config.text.vocab_size, (2, config.text.max_length))
    image = torch.rand(2, 3, size, size) * 2 - 1
    mask = (torch.rand(2, 1, size // factor, size // factor) > 0.5).float()

    with torch.no_grad():
        hidden = model.text_encoder(ids)
        assert torch.equal(scripted["text_encoder"](ids), hidden)
        latents = model.autoencoder.encoder_module()(image)
        assert torch.equal(scripted["vae_encoder"](image), latents)
        assert torch.equal(scripted["vae_decoder"](latents),
                           model.autoencoder.decoder_module()(latents))
        sample = torch.cat([latents, mask, latents], dim=1)
        timestep = torch.tensor([3, 999])
        eager = model.unet(sample, timestep, hidden, hidden.flip(0), hidden, mask)
        assert torch.equal(scripted["unet"](sample, timestep, hidden, hidden.flip(0), hidden,
                                            mask), eager)


def _read(golden: Path, index: dict, name: str) -> torch.Tensor:
    entry = index["tensors"][name]
    values = np.fromfile(golden / entry["file"], dtype=DTYPES[entry["dtype"]])
    return torch.from_numpy(values.reshape(entry["shape"]).copy())


@pytest.fixture(scope="module")
def tiny_bundle(tmp_path_factory) -> Path:
    tokenizer = WordTokenizer.from_texts(
        ["a red house with a white door", "green grass and trees under a blue sky"], 16)
    model = build_model(tiny(vocab_size=tokenizer.vocab_size, max_length=16), seed=0)
    out = tmp_path_factory.mktemp("bundle") / "tiny"
    export_bundle(model, tokenizer, out, seed=0, golden_steps=3, training={"test": True})
    return out


def test_bundle_files_and_metadata(tiny_bundle):
    for name in ["model.json", "tokenizer.json", "text_encoder.pt", "unet.pt",
                 "vae_encoder.pt", "vae_decoder.pt", "golden/index.json"]:
        assert (tiny_bundle / name).is_file(), name
    metadata = json.loads((tiny_bundle / "model.json").read_text())
    assert metadata["architecture"] == "vip-cts-unet"
    assert metadata["latent"] == {"autoencoder": "pixel_unshuffle", "channels": 12,
                                  "downsample_factor": 2, "scale_factor": 1.0}
    assert metadata["resolution"] == {"width": 64, "height": 64, "multiple_of": 8}
    assert metadata["text"]["max_length"] == 16
    assert "house" in metadata["text"]["known_words"]
    size_bytes = sum(path.stat().st_size for path in tiny_bundle.rglob("*") if path.is_file())
    assert size_bytes < 40 * 1024 * 1024


def test_golden_outputs_replay_from_bundle(tiny_bundle):
    golden = tiny_bundle / "golden"
    index = json.loads((golden / "index.json").read_text())
    unet = torch.jit.load(str(tiny_bundle / "unet.pt"))
    text_encoder = torch.jit.load(str(tiny_bundle / "text_encoder.pt"))
    with torch.no_grad():
        hidden = text_encoder(_read(golden, index, "text_encoder.input_ids"))
        output = unet(*[_read(golden, index, f"unet.{name}") for name in
                        ["sample", "timestep", "e_total", "e_center", "e_surround", "mask"]])
    assert torch.equal(hidden, _read(golden, index, "text_encoder.output"))
    assert torch.equal(output, _read(golden, index, "unet.output"))


def test_golden_ddim_run_is_complete(tiny_bundle):
    golden = tiny_bundle / "golden"
    index = json.loads((golden / "index.json").read_text())
    assert index["ddim"]["timesteps"] == [667, 334, 1]
    assert index["tensors"]["ddim.noise"]["shape"] == [1, 12, 32, 32]
    for step in range(3):
        assert f"ddim.latents.{step}" in index["tensors"]
        assert f"dpm_solver.latents.{step}" in index["tensors"]
    assert index["tensors"]["ddim.decoded"]["shape"] == [1, 3, 64, 64]
    ids = _read(golden, index, "tokenizer.ids")
    assert ids.shape == (len(index["texts"]), 16)
    assert ids[0].tolist() == [2, 3] + [0] * 14


def test_export_rejects_non_empty_directory(tmp_path):
    (tmp_path / "existing.txt").write_text("x")
    tokenizer = WordTokenizer.from_texts(["sky"], 8)
    model = build_model(tiny(vocab_size=tokenizer.vocab_size, max_length=8), seed=0)
    with pytest.raises(FileExistsError, match="is not empty"):
        export_bundle(model, tokenizer, tmp_path, seed=0, golden_steps=1, training={})


def test_kl_bundle_with_clip_tokenizer(tmp_path):
    from test_loaders import _tiny_clip_files
    from vip_model.clip_tokenizer import ClipTokenizer

    _tiny_clip_files(tmp_path / "tokenizer")
    tokenizer = ClipTokenizer.from_folder(tmp_path / "tokenizer", max_length=8)
    model = build_model(reduced_sd15(), seed=0)
    out = tmp_path / "bundle"
    export_bundle(model, tokenizer, out, seed=0, golden_steps=2, training={},
                  with_dpm_solver=False, golden_resolution=(64, 64))

    metadata = json.loads((out / "model.json").read_text())
    assert metadata["text"] == {"max_length": 8, "hidden_size": 32, "closed_vocabulary": False}
    assert metadata["latent"]["autoencoder"] == "kl"
    assert metadata["latent"]["scale_factor"] == 0.18215
    assert metadata["resolution"]["multiple_of"] == 64
    index = json.loads((out / "golden" / "index.json").read_text())
    assert index["tensors"]["ddim.noise"]["shape"] == [1, 4, 8, 8]
    assert "dpm_solver" not in index
    tokenizer_json = json.loads((out / "tokenizer.json").read_text())
    assert tokenizer_json["model"]["type"] == "BPE"


def test_default_overrides_in_model_json(tmp_path):
    from vip_model.export import main

    out = tmp_path / "bundle"
    main(["--random-init", "--max-length", "8", "--golden-steps", "1", "--no-dpm-solver",
          "--default-steps", "40", "--default-guidance-scale", "2.5", "--default-eta", "1",
          "--default-timestep-spacing", "trailing",
          "--out", str(out)])

    defaults = json.loads((out / "model.json").read_text())["defaults"]
    assert defaults["steps"] == 40
    assert defaults["guidance_scale"] == 2.5
    assert defaults["eta"] == 1.0
    assert defaults["timestep_spacing"] == "trailing"


def test_default_eta_out_of_range(tmp_path):
    from vip_model.export import main

    with pytest.raises(SystemExit, match="--default-eta must be 0..1, got 1.5"):
        main(["--random-init", "--default-eta", "1.5", "--out", str(tmp_path / "bundle")])
    assert not (tmp_path / "bundle").exists()
