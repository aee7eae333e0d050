"""Select the photos among the extracted candidates and store them with their licences.

The rule: a candidate is kept when it decodes, its short side is at least MIN_SHORT_SIDE_PX,
it is not on the reviewed exclusion list, and its licence is on the allow-list. An .edj archive
holds one photo at several resolutions, so only its largest JPEG stream is used.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from .dep5 import find_stanza, read_copyright
from .jpeg_carve import carve_jpegs
from .sources import (ALLOWED_LICENSES, EDJE, EXCLUDED, IMAGE_SUFFIXES, LXQT_WALLPAPER_NOTE,
                      MIN_SHORT_SIDE_PX, NOTES, NPM, SOURCES, Source)

log = logging.getLogger(__name__)

# Stored photos are downscaled to this long side. Training crops are 64-128 px and the smallest
# crop scale is about a third of the short side, so more pixels would add nothing.
STORED_LONG_SIDE_PX = 1024


@dataclass(frozen=True)
class Photo:
    """A kept photo: where it came from, its licence and the stored copy under photos/."""

    id: str
    package: str
    version: str
    original_path: str
    original_width: int
    original_height: int
    sha256: str
    license: str
    copyright: str
    note: str
    file: str


@dataclass(frozen=True)
class Rejection:
    """A candidate left out, with the reason."""

    id: str
    original_path: str
    reason: str


def collect_photos(data_dir: Path, roots: dict[str, Path]) -> tuple[list[Photo], list[Rejection]]:
    """Select photos from the extracted packages and write them to DATA_DIR/photos.

    Also writes DATA_DIR/photos.jsonl and DATA_DIR/rejected.jsonl, one JSON object a line.
    """
    photo_dir = data_dir / "photos"
    photo_dir.mkdir(parents=True, exist_ok=True)
    photos: list[Photo] = []
    rejections: list[Rejection] = []

    for source in SOURCES:
        root = roots[source.package]
        for candidate in sorted(root.glob(source.candidate_glob)):
            if candidate.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            photo_id, original_path = _identify(source, root, candidate)
            outcome = _select(source, root, candidate, photo_id, original_path, photo_dir)
            if isinstance(outcome, Photo):
                photos.append(outcome)
            else:
                rejections.append(outcome)

    _write_jsonl(data_dir / "photos.jsonl", [asdict(p) for p in photos])
    _write_jsonl(data_dir / "rejected.jsonl", [asdict(r) for r in rejections])
    log.info("kept %d photos, rejected %d candidates", len(photos), len(rejections))
    return photos, rejections


def _identify(source: Source, root: Path, candidate: Path) -> tuple[str, str]:
    relative = candidate.relative_to(root).as_posix()
    if source.registry == NPM:
        # package/img-black-canyon/data/image.jpg: the dataset folder names the photo.
        return f"{source.package}/{candidate.parent.parent.name}", relative
    return f"{source.package}/{candidate.stem}", relative


def _select(source: Source, root: Path, candidate: Path, photo_id: str, original_path: str,
            photo_dir: Path) -> Photo | Rejection:
    if photo_id in EXCLUDED:
        return Rejection(photo_id, original_path, "reviewed: " + EXCLUDED[photo_id])

    data = candidate.read_bytes()
    if source.container == EDJE:
        streams = carve_jpegs(data)
        if not streams:
            return Rejection(photo_id, original_path, "no JPEG stream in the archive")
        largest = max(streams, key=lambda s: s.width * s.height)
        data = largest.data
        original_path += f"#jpeg@{largest.offset}"

    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = opened.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        return Rejection(photo_id, original_path, f"does not decode: {type(error).__name__}: {error}")

    if min(image.size) < MIN_SHORT_SIDE_PX:
        return Rejection(photo_id, original_path,
                         f"short side {min(image.size)} px < {MIN_SHORT_SIDE_PX} px")

    license_name, holder, note = _license(source, root, candidate, photo_id)
    if license_name not in ALLOWED_LICENSES:
        return Rejection(photo_id, original_path, f"licence {license_name!r} not allowed")

    file_name = photo_id.lstrip("@").replace("/", "__") + ".png"
    stored = image.copy()
    stored.thumbnail((STORED_LONG_SIDE_PX, STORED_LONG_SIDE_PX), Image.LANCZOS)
    stored.save(photo_dir / file_name)
    return Photo(photo_id, source.package, source.version, original_path, image.width,
                 image.height, hashlib.sha256(data).hexdigest(), license_name, holder, note,
                 "photos/" + file_name)


def _license(source: Source, root: Path, candidate: Path, photo_id: str) -> tuple[str, str, str]:
    note = NOTES.get(photo_id, "")
    if source.registry == NPM:
        package_meta = json.loads((candidate.parent.parent / "datapackage.json").read_text())
        origin = package_meta["sources"][0]
        holder = f"{package_meta['title']}, {origin['name']} ({origin['web']})"
        return package_meta["license"], holder, note

    stanza = find_stanza(read_copyright(root, source.package),
                         source.upstream_prefix + candidate.name)
    if source.package == "lxqt-themes":
        note = LXQT_WALLPAPER_NOTE
    return stanza.license, stanza.copyright, note


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_photos(data_dir: Path) -> list[Photo]:
    """Read DATA_DIR/photos.jsonl back."""
    lines = (data_dir / "photos.jsonl").read_text(encoding="utf-8").splitlines()
    return [Photo(**json.loads(line)) for line in lines if line.strip()]
