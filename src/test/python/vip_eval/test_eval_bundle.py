import json

import numpy as np
import pytest

from vip_eval.bundle_method import (BundleMethod, describe_prompts, extrapolate_prompts,
                                    task_file_name)
from vip_eval.tasks import Task, all_around_mask, one_side_mask
from vip_model.export import export_bundle
from vip_model.model import build_model
from vip_model.config import tiny
from vip_model.tokenizer import WordTokenizer


@pytest.fixture(scope="module")
def random_bundle(tmp_path_factory):
    tokenizer = WordTokenizer.from_texts(["green grass", "blue sky above"], 16)
    model = build_model(tiny(vocab_size=tokenizer.vocab_size, max_length=16), seed=0)
    out = tmp_path_factory.mktemp("bundle") / "tiny"
    export_bundle(model, tokenizer, out, seed=0, golden_steps=1, training={"test": True},
                  with_dpm_solver=False)
    return out


def make_tasks():
    truth = np.random.default_rng(5).random((64, 64, 3)).astype(np.float32)
    around, around_box = all_around_mask(64)
    side, side_box = one_side_mask(64, "top")
    return [Task("crop7/all-around", "all-around", truth, around, around_box),
            Task("crop7/one-side-top", "one-side", truth, side, side_box)]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def test_describe_prompts_map_crop_to_both_tasks(tmp_path):
    tasks = make_tasks()
    jsonl = tmp_path / "describe.jsonl"
    write_jsonl(jsonl, [{"image": "validation/crop7.png", "center": "grass", "surrounding": "sky"}])

    prompts = describe_prompts(tasks, jsonl)

    assert prompts == {"crop7/all-around": ("grass", "sky"), "crop7/one-side-top": ("grass", "sky")}


def test_extrapolate_prompts_map_known_region_files(tmp_path):
    tasks = make_tasks()
    jsonl = tmp_path / "extrapolate.jsonl"
    write_jsonl(jsonl, [{"image": task_file_name("crop7/one-side-top"), "center": "grass",
                         "surrounding": "more sky above"}])

    prompts = extrapolate_prompts(tasks, jsonl)

    assert prompts == {"crop7/one-side-top": ("grass", "more sky above")}


def test_bundle_method_keeps_known_pixels_and_repeats(random_bundle):
    task = make_tasks()[0]
    method = BundleMethod(random_bundle, {task.id: ("green grass", "blue sky")}, steps=2,
                          guidance_scale=4.0, seed=0)

    first = method(task)
    second = method(task)

    known = task.mask == 0
    assert first.shape == (64, 64, 3)
    np.testing.assert_array_equal(first[known], task.truth[known])
    np.testing.assert_array_equal(first, second)
    assert first.min() >= 0.0
    assert first.max() <= 1.0


def test_bundle_method_without_prompts_raises(random_bundle):
    task = make_tasks()[1]
    method = BundleMethod(random_bundle, {}, steps=2, guidance_scale=4.0, seed=0)

    with pytest.raises(KeyError, match="crop7/one-side-top"):
        method(task)
