import json

import pytest

from vip_eval.keywords import score_keywords, surrounding_prompt


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_surrounding_prompt_names_every_side():
    assert surrounding_prompt("snow") == "snow above, snow below, snow on both sides"


def test_score_counts_requested_and_other_hits(tmp_path):
    manifest = write_jsonl(tmp_path / "keywords.jsonl", [
        {"image": "a__sky.png", "keyword": "sky"},
        {"image": "b__sky.png", "keyword": "sky"},
        {"image": "a__snow.png", "keyword": "snow"},
        {"image": "b__snow.png", "keyword": "snow"},
    ])
    captions = write_jsonl(tmp_path / "captions.jsonl", [
        {"image": "a__sky.png", "center": "x", "surrounding": "blue sky above"},
        {"image": "b__sky.png", "center": "x", "surrounding": "green grass below"},
        {"image": "a__snow.png", "center": "x", "surrounding": "Snow below, sky above"},
        {"image": "b__snow.png", "center": "x", "surrounding": "snowy hills"},
    ])

    scores = score_keywords(manifest, captions)

    assert scores["sky"] == {"n": 2, "requested": 0.5, "not_requested": 0.5}
    # "snowy" is not the word "snow"; "Snow" is, case-insensitively.
    assert scores["snow"] == {"n": 2, "requested": 0.5, "not_requested": 0.0}


def test_score_with_uncaptioned_output_raises(tmp_path):
    manifest = write_jsonl(tmp_path / "keywords.jsonl", [{"image": "a__sky.png", "keyword": "sky"}])
    captions = write_jsonl(tmp_path / "captions.jsonl", [])

    with pytest.raises(ValueError, match="a__sky.png"):
        score_keywords(manifest, captions)
