import numpy as np

from vip_eval.baselines import edge_replication
from vip_eval.figures import GAP_PX, LABEL_HEIGHT_PX, before_after_grid, masked_input
from vip_eval.tasks import Task, all_around_mask


def make_task(task_id):
    truth = np.random.default_rng(6).random((16, 16, 3)).astype(np.float32)
    mask, box = all_around_mask(16)
    return Task(task_id, "all-around", truth, mask, box)


def test_masked_input_greys_generated_area():
    task = make_task("a/all-around")

    image = masked_input(task)

    assert np.all(image[task.mask == 1] == 0.5)
    np.testing.assert_array_equal(image[task.mask == 0], task.truth[task.mask == 0])


def test_grid_layout_rows_and_columns():
    tasks = [make_task("a/all-around"), make_task("b/all-around")]

    grid = before_after_grid(tasks, {"edge": edge_replication}, scale=2)

    tile = 16 * 2
    assert grid.size == (3 * tile + 2 * GAP_PX, LABEL_HEIGHT_PX + 2 * tile + GAP_PX)
    # Bottom-right tile is the second task's real photo, enlarged without interpolation.
    corner = np.asarray(grid)[-1, -1] / 255.0
    np.testing.assert_allclose(corner, tasks[1].truth[-1, -1], atol=1 / 255)
