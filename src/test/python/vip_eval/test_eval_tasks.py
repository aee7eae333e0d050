import json

import numpy as np
import pytest
from PIL import Image

from vip_eval.baselines import edge_replication, mirror_blur
from vip_eval.evaluate import evaluate
from vip_eval.tasks import ALL_AROUND, ONE_SIDE, Task, all_around_mask, load_tasks, one_side_mask


def test_all_around_known_square_is_two_thirds():
    mask, box = all_around_mask(64)

    assert box == (10, 10, 53, 53)
    assert int((mask == 0).sum()) == 43 * 43


@pytest.mark.parametrize("side,known_columns", [("right", slice(0, 32)), ("left", slice(32, 64))])
def test_one_side_keeps_opposite_half(side, known_columns):
    mask, _ = one_side_mask(64, side)

    assert np.all(mask[:, known_columns] == 0)
    assert int(mask.sum()) == 64 * 32


def test_one_side_unknown_side_raises():
    with pytest.raises(ValueError, match="diagonal"):
        one_side_mask(64, "diagonal")


def make_task(kind="all-around"):
    truth = np.random.default_rng(4).random((24, 24, 3)).astype(np.float32)
    mask, box = all_around_mask(24) if kind == ALL_AROUND else one_side_mask(24, "top")
    return Task("t", kind, truth, mask, box)


@pytest.mark.parametrize("kind", [ALL_AROUND, ONE_SIDE])
@pytest.mark.parametrize("baseline", [edge_replication, mirror_blur])
def test_baselines_keep_known_pixels(baseline, kind):
    task = make_task(kind)

    output = baseline(task)

    known = task.mask == 0
    assert output.shape == task.truth.shape
    np.testing.assert_array_equal(output[known], task.truth[known])


def test_edge_replication_copies_border_row():
    task = make_task(ONE_SIDE)  # top half generated, bottom half known
    output = edge_replication(task)

    first_known_row = task.truth[12]
    for row in range(12):
        np.testing.assert_array_equal(output[row], first_known_row)


def test_load_tasks_uses_only_validation_crops(tmp_path):
    rows = []
    for split in ("train", "validation", "validation"):
        name = f"{split}/img{len(rows)}.png"
        (tmp_path / split).mkdir(exist_ok=True)
        Image.new("RGB", (72, 72), (10 * len(rows), 0, 0)).save(tmp_path / name)
        rows.append({"image": name, "split": split})
    (tmp_path / "crops.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))

    tasks = load_tasks(tmp_path, 64)

    assert [t.id for t in tasks] == ["img1/all-around", "img1/one-side-right",
                                     "img2/all-around", "img2/one-side-left"]
    assert tasks[0].truth.shape == (64, 64, 3)


def test_evaluate_ranks_truth_above_baseline():
    task = make_task()
    methods = {"truth": lambda t: t.truth, "edge": edge_replication}

    results = evaluate(methods, [task])

    assert results["truth"][ALL_AROUND]["exact_tasks"] == 1
    assert results["truth"][ALL_AROUND]["ssim"] == pytest.approx(1.0, abs=1e-6)
    assert results["truth"][ALL_AROUND]["seam_ratio"] == pytest.approx(1.0)
    assert results["edge"][ALL_AROUND]["ssim"] < 0.5
