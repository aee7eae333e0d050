"""Keyword control: does a surrounding keyword in the prompt show up in the generated ring?

For each all-around task, the model outpaints once per keyword with the oracle centre prompt
and a surrounding prompt made of that keyword. The captioner then describes each output in
describe mode, whose centre box (the middle 2/3) is exactly the known region, so its
"surrounding" text describes the generated ring. A hit is the keyword appearing in that text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from PIL import Image

from vip_model.pipeline import Prompts
from vip_model.tokenizer import total_prompt

from .bundle_method import BundleMethod, PromptLookup
from .tasks import ALL_AROUND, Task

# Words the heuristic captioner uses for surroundings (checked on the training captions).
DEFAULT_KEYWORDS = ("sky", "water", "foliage", "snow", "grass", "sand")


def surrounding_prompt(keyword: str) -> str:
    """Return a surrounding prompt that requests KEYWORD on every side, in the captioner's style."""
    return f"{keyword} above, {keyword} below, {keyword} on both sides"


def generate_keyword_outputs(method: BundleMethod, tasks: list[Task], describe: PromptLookup,
                             keywords: list[str], out_dir: Path) -> int:
    """Write one PNG per (all-around task, keyword) and OUT_DIR/keywords.jsonl; return the count.

    Every keyword of a task starts from the same noise, so only the prompt differs.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    with (out_dir / "keywords.jsonl").open("w", encoding="utf-8") as manifest:
        for task in (t for t in tasks if t.kind == ALL_AROUND):
            center, _ = describe[task.id]
            stem = task.id.split("/")[0]
            for keyword in keywords:
                surrounding = surrounding_prompt(keyword)
                output = method.outpaint(task, Prompts(center, surrounding,
                                                       total_prompt(center, surrounding)))
                name = f"{stem}__{keyword}.png"
                Image.fromarray(np.round(output * 255).astype(np.uint8)).save(out_dir / name)
                manifest.write(json.dumps({"image": name, "keyword": keyword}) + "\n")
                count += 1
    return count


def score_keywords(manifest: Path, captions: Path) -> dict[str, dict[str, float]]:
    """Return {keyword: {"requested": hit rate, "not_requested": rate, "n": outputs}}.

    "requested" is the share of outputs made for the keyword whose ring description contains
    it. "not_requested" is the share of the other keywords' outputs that contain it anyway, the
    rate to beat.
    """
    requested = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            requested[row["image"]] = row["keyword"]

    words_of = {}
    for line in captions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            words_of[Path(row["image"]).name] = set(re.findall(r"[a-z]+", row["surrounding"].lower()))
    missing = sorted(set(requested) - set(words_of))
    if missing:
        raise ValueError(f"{len(missing)} outputs have no caption in {captions}, for example "
                         f"{missing[0]}; caption the folder in describe mode first")

    scores = {}
    for keyword in sorted(set(requested.values())):
        chosen = [image for image, expected in requested.items() if expected == keyword]
        others = [image for image, expected in requested.items() if expected != keyword]
        scores[keyword] = {
            "n": len(chosen),
            "requested": float(np.mean([keyword in words_of[i] for i in chosen])),
            "not_requested": float(np.mean([keyword in words_of[i] for i in others])) if others else 0.0,
        }
    return scores
