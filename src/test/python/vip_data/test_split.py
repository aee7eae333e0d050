import pytest

from vip_data.split import SAMPLE_PHOTO_IDS, split_photos

PHOTO_IDS = [f"pkg/photo{i:02d}" for i in range(40)] + list(SAMPLE_PHOTO_IDS)


def test_samples_are_always_validation():
    split = split_photos(PHOTO_IDS, seed=1, validation_fraction=0.1)

    assert set(SAMPLE_PHOTO_IDS) <= set(split["validation"])
    assert not set(SAMPLE_PHOTO_IDS) & set(split["train"])


def test_split_is_disjoint_complete_and_sized():
    split = split_photos(PHOTO_IDS, seed=1, validation_fraction=0.1)

    assert not set(split["train"]) & set(split["validation"])
    assert sorted(split["train"] + split["validation"]) == sorted(PHOTO_IDS)
    # 3 samples plus ceil(0.1 x 40) drawn photos.
    assert len(split["validation"]) == 3 + 4


def test_split_depends_on_seed_not_order():
    forward = split_photos(PHOTO_IDS, seed=7, validation_fraction=0.1)
    backward = split_photos(list(reversed(PHOTO_IDS)), seed=7, validation_fraction=0.1)
    other_seed = split_photos(PHOTO_IDS, seed=8, validation_fraction=0.1)

    assert forward == backward
    assert forward["validation"] != other_seed["validation"]


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1])
def test_fraction_out_of_range_raises(fraction):
    with pytest.raises(ValueError, match="validation_fraction"):
        split_photos(PHOTO_IDS, seed=1, validation_fraction=fraction)
