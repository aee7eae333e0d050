"""Render the kept photos, the split and the rejected candidates as Markdown tables."""

from __future__ import annotations

import json
from pathlib import Path

from .collect import read_photos
from .split import read_split


def render_report(data_dir: Path) -> str:
    """Return Markdown tables for docs/data.md from DATA_DIR's manifests."""
    photos = read_photos(data_dir)
    split_of = {photo_id: name for name, ids in read_split(data_dir / "split.json").items()
                for photo_id in ids}
    lines = ["| photo id | split | original path | px | licence | copyright | note |",
             "|---|---|---|---|---|---|---|"]

    for photo in photos:
        holder = photo.copyright.split("; ")[0]
        if photo.copyright.count("; "):
            holder += f" (and {photo.copyright.count('; ')} more lines)"
        lines.append(f"| `{photo.id}` | {split_of[photo.id]} | `{photo.original_path}` | "
                     f"{photo.original_width}×{photo.original_height} | {photo.license} | "
                     f"{_escape(holder)} | {_escape(photo.note)} |")

    lines += ["", "| candidate | reason left out |", "|---|---|"]
    for line in (data_dir / "rejected.jsonl").read_text(encoding="utf-8").splitlines():
        rejection = json.loads(line)
        lines.append(f"| `{rejection['original_path']}` | {_escape(rejection['reason'])} |")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
