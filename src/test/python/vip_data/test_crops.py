import json
import random

from PIL import Image

from vip_data.collect import Photo
from vip_data.crops import TRAIN_SCALES, VALIDATION_SCALES, crop_boxes, cut_crops


def make_photo(data_dir, photo_id, size, color):
    file_name = f"photos/{photo_id.replace('/', '__')}.png"
    (data_dir / "photos").mkdir(exist_ok=True)
    Image.new("RGB", size, color).save(data_dir / file_name)
    return Photo(photo_id, "pkg", "1", "x.jpg", size[0], size[1], "0" * 64, "CC0-1.0", "", "",
                 file_name)


def test_boxes_are_square_inside_and_scaled():
    boxes = crop_boxes(300, 200, {1.0: 3, 0.5: 5}, random.Random(3))

    assert len(boxes) == 8
    for scale, (left, top, right, bottom) in boxes:
        assert right - left == bottom - top == round(scale * 200)
        assert left >= 0
        assert right <= 300
        assert top >= 0
        assert bottom <= 200


def test_cut_crops_sizes_splits_and_repeatability(tmp_path):
    photos = [make_photo(tmp_path, "pkg/a", (320, 240), "red"),
              make_photo(tmp_path, "pkg/b", (256, 400), "blue")]
    split = {"train": ["pkg/a"], "validation": ["pkg/b"]}

    crops = cut_crops(tmp_path, photos, split, size_px=32, seed=5)
    first_boxes = [c.box for c in crops]
    again = cut_crops(tmp_path, photos, split, size_px=32, seed=5)

    assert len([c for c in crops if c.split == "train"]) == sum(TRAIN_SCALES.values())
    assert len([c for c in crops if c.split == "validation"]) == sum(VALIDATION_SCALES.values())
    assert all(c.photo == "pkg/b" for c in crops if c.split == "validation")
    assert [c.box for c in again] == first_boxes
    with Image.open(tmp_path / "crops-32" / crops[0].image) as image:
        assert image.size == (32, 32)
    manifest = (tmp_path / "crops-32" / "crops.jsonl").read_text().splitlines()
    assert json.loads(manifest[0])["image"] == crops[0].image
