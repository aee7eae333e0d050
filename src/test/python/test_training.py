import json
import random

import pytest
import torch
from PIL import Image

from vip_model.config import tiny
from vip_model.data import OutpaintDataset
from vip_model.export import TotalPromptUNet
from vip_model.masks import all_around_mask, irregular_mask, random_outpaint_mask, sides_mask
from vip_model.model import build_model
from vip_model.tokenizer import WordTokenizer
from vip_model.train import Trainer, parse_args
from vip_model.training import diffusion_loss, make_batch, select_trainable

COLORS = {"red": (200, 40, 40), "blue": (40, 60, 200), "green": (40, 160, 60)}


@pytest.fixture(scope="module")
def dataset_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    rows = []
    for index, (center, surround) in enumerate([("red", "blue"), ("blue", "green"),
                                                ("green", "red"), ("red", "green")]):
        image = Image.new("RGB", (80, 72), COLORS[surround])
        image.paste(COLORS[center], (24, 20, 56, 52))
        image.save(folder / f"photo{index}.png")
        rows.append({"image": f"photo{index}.png", "center": f"a {center} square",
                     "surrounding": f"{surround} wall"})
    jsonl = folder / "train.jsonl"
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return jsonl


@pytest.fixture(scope="module")
def dataset(dataset_file):
    return OutpaintDataset(dataset_file, 32, 32)


def _model_and_batch(dataset):
    tokenizer = WordTokenizer.from_texts(dataset.prompts(), 12)
    model = build_model(tiny(vocab_size=tokenizer.vocab_size, max_length=12), seed=0)
    batch = make_batch(dataset, [0, 1, 2, 3], tokenizer, random.Random(0), prompt_dropout=0.0)
    generator = torch.Generator().manual_seed(0)
    noise = torch.randn((4, 12, 16, 16), generator=generator)
    timesteps = torch.tensor([50, 300, 600, 900])
    return model, tokenizer, batch, noise, timesteps


def test_training_step_lowers_loss(dataset):
    model, _, batch, noise, timesteps = _model_and_batch(dataset)
    parameters = select_trainable(model, "full", train_text_encoder=True)
    optimizer = torch.optim.AdamW(parameters, lr=1e-3)

    before = diffusion_loss(model, batch, noise, timesteps)
    optimizer.zero_grad()
    before.backward()
    optimizer.step()
    with torch.no_grad():
        after = diffusion_loss(model, batch, noise, timesteps)
    assert after.item() < before.item()


def test_cts_regime_trains_only_copies_and_gates(dataset):
    model, _, batch, noise, timesteps = _model_and_batch(dataset)
    parameters = select_trainable(model, "cts", train_text_encoder=True)
    frozen = {name: value.clone() for name, value in model.named_parameters()
              if not value.requires_grad}
    trainable_names = {name for name, value in model.named_parameters() if value.requires_grad}
    assert trainable_names
    assert all(".center." in name or ".surround." in name or name.endswith(".gate")
               for name in trainable_names)

    optimizer = torch.optim.AdamW(parameters, lr=1e-3)
    loss = diffusion_loss(model, batch, noise, timesteps)
    optimizer.zero_grad()
    loss.backward()
    gates = [block.gate for block in model.unet.cts_blocks()]
    assert all(gate.grad is not None and gate.grad.abs().item() > 0 for gate in gates)
    optimizer.step()

    for name, value in model.named_parameters():
        if name in frozen:
            assert torch.equal(value, frozen[name]), name
    assert any(gate.item() != 0.0 for gate in gates)


def test_prompt_dropout_empties_all_three(dataset):
    tokenizer = WordTokenizer.from_texts(dataset.prompts(), 12)
    batch = make_batch(dataset, [0, 1], tokenizer, random.Random(0), prompt_dropout=1.0)
    empty = tokenizer.encode("")
    for ids in (batch.ids_total, batch.ids_center, batch.ids_surround):
        assert ids.tolist() == [empty, empty]


def test_batch_shapes_and_ranges(dataset):
    tokenizer = WordTokenizer.from_texts(dataset.prompts(), 12)
    batch = make_batch(dataset, [0, 1, 2], tokenizer, random.Random(1), prompt_dropout=0.0)
    assert batch.images.shape == (3, 3, 32, 32)
    assert batch.images.min() >= -1.0
    assert batch.images.max() <= 1.0
    assert batch.masks.shape == (3, 1, 32, 32)
    assert batch.ids_total.shape == (3, 12)
    assert tokenizer.vocab["center"] in batch.ids_total[0].tolist()


@pytest.mark.parametrize("family", [all_around_mask, sides_mask, irregular_mask])
def test_mask_families_are_binary(family):
    rng = random.Random(3)
    for _ in range(20):
        mask = family(64, 48, rng)
        assert mask.shape == (1, 64, 48)
        assert set(mask.unique().tolist()) <= {0.0, 1.0}


def test_random_mask_keeps_and_generates():
    rng = random.Random(4)
    for _ in range(50):
        generated = random_outpaint_mask(64, 64, rng).mean().item()
        assert 0.02 <= generated <= 0.85


def test_all_around_mask_covers_every_side():
    mask = all_around_mask(64, 64, random.Random(5))
    assert mask[0, 0, :].min() == 1
    assert mask[0, -1, :].min() == 1
    assert mask[0, :, 0].min() == 1
    assert mask[0, :, -1].min() == 1
    assert mask[0, 32, 32] == 0


def test_total_prompt_unet_ignores_branch_prompts(tiny_config):
    model = build_model(tiny_config, seed=0).eval()
    for block in model.unet.cts_blocks():
        with torch.no_grad():
            block.gate.fill_(0.5)
    wrapped = TotalPromptUNet(model.unet)
    sample, timestep = torch.randn(1, 25, 16, 16), torch.tensor([500])
    e_total, e_other = torch.randn(1, 16, 64), torch.randn(1, 16, 64)
    mask = torch.ones(1, 1, 16, 16)
    with torch.no_grad():
        expected = model.unet(sample, timestep, e_total, e_total, e_total, mask)
        assert torch.equal(wrapped(sample, timestep, e_total, e_other, e_other, mask), expected)


def _train(dataset_file, out, steps, resume=False):
    argv = ["--data", str(dataset_file), "--out", str(out), "--steps", str(steps),
            "--batch-size", "2", "--log-every", "100", "--checkpoint-every", "100",
            "--max-length", "12"]
    trainer = Trainer(parse_args(argv + (["--resume"] if resume else [])))
    trainer.run()
    return torch.load(str(out / "checkpoint.pt"))


def test_resume_matches_uninterrupted_run(dataset_file, tmp_path):
    straight = _train(dataset_file, tmp_path / "straight", 4)
    _train(dataset_file, tmp_path / "resumed", 2)
    resumed = _train(dataset_file, tmp_path / "resumed", 4, resume=True)
    assert resumed["step"] == 4
    for name, value in straight["model"].items():
        assert torch.equal(resumed["model"][name], value), name
    for name, value in straight["ema"]["shadow"].items():
        assert torch.equal(resumed["ema"]["shadow"][name], value), name


def test_export_from_checkpoint(dataset_file, tmp_path):
    from vip_model.export import export_bundle, load_checkpoint

    _train(dataset_file, tmp_path / "run", 1)
    model, tokenizer, state = load_checkpoint(tmp_path / "run" / "checkpoint.pt")
    assert torch.equal(model.unet.conv_in.weight,
                       state["ema"]["shadow"]["unet.conv_in.weight"])
    export_bundle(model, tokenizer, tmp_path / "bundle", seed=0, golden_steps=1,
                  training=state["provenance"], with_dpm_solver=False)
    metadata = json.loads((tmp_path / "bundle" / "model.json").read_text())
    assert metadata["training"]["steps"] == 1
    assert "square" in metadata["text"]["known_words"]


def test_validation_loss_leaves_weights_unchanged(dataset_file, tmp_path):
    argv = ["--data", str(dataset_file), "--val-data", str(dataset_file), "--val-size", "3",
            "--out", str(tmp_path / "run"), "--steps", "1", "--batch-size", "2",
            "--max-length", "12"]
    trainer = Trainer(parse_args(argv))
    trainer.train_step()
    before = {name: value.clone() for name, value in trainer.model.state_dict().items()}
    first = trainer.validation_loss()
    second = trainer.validation_loss()
    assert first == second
    assert first > 0
    for name, value in trainer.model.state_dict().items():
        assert torch.equal(value, before[name]), name
    assert trainer.model.training


def test_dataset_rejects_missing_field(tmp_path):
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text(json.dumps({"image": "x.png", "center": "sky"}) + "\n")
    with pytest.raises(ValueError, match="bad.jsonl:1: missing string field 'surrounding'"):
        OutpaintDataset(jsonl, 64, 64)


def test_v_prediction_run_exports_v_prediction(dataset_file, tmp_path):
    from vip_model.export import export_bundle, load_checkpoint

    argv = ["--data", str(dataset_file), "--out", str(tmp_path / "run"), "--steps", "1",
            "--batch-size", "2", "--max-length", "12", "--prediction-type", "v_prediction"]
    Trainer(parse_args(argv)).run()
    model, tokenizer, state = load_checkpoint(tmp_path / "run" / "checkpoint.pt")
    assert model.schedule.prediction_type == "v_prediction"
    export_bundle(model, tokenizer, tmp_path / "bundle", seed=0, golden_steps=1,
                  training=state["provenance"], with_dpm_solver=False)
    metadata = json.loads((tmp_path / "bundle" / "model.json").read_text())
    assert metadata["prediction_type"] == "v_prediction"
