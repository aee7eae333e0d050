"""Read Debian machine-readable copyright files (DEP-5) and find the stanza for a file.

Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FilesStanza:
    """One `Files:` paragraph: its glob patterns, copyright lines (joined by "; ") and licence."""

    patterns: tuple[str, ...]
    copyright: str
    license: str


def parse_copyright(text: str) -> list[FilesStanza]:
    """Parse the `Files:` paragraphs of a DEP-5 copyright file, in file order."""
    stanzas: list[FilesStanza] = []

    for paragraph in text.split("\n\n"):
        fields = _parse_fields(paragraph)
        if "files" not in fields:
            continue
        patterns = tuple(fields["files"].split())
        copyright_lines = "; ".join(line.strip() for line in fields.get("copyright", "").splitlines())
        license_name = fields.get("license", "").splitlines()[0].strip() if fields.get("license") else ""
        stanzas.append(FilesStanza(patterns, copyright_lines.strip(), license_name))
    return stanzas


def _parse_fields(paragraph: str) -> dict[str, str]:
    """Split a paragraph into lower-cased field names and values, joining continuation lines."""
    fields: dict[str, str] = {}
    current: str | None = None

    for line in paragraph.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t" and current is not None:
            fields[current] += "\n" + line.strip()
            continue
        name, separator, value = line.partition(":")
        if not separator:
            continue
        current = name.strip().lower()
        fields[current] = value.strip()
    return fields


def find_stanza(stanzas: list[FilesStanza], source_path: str) -> FilesStanza:
    """Return the stanza that governs `source_path`, a path relative to the source tree.

    DEP-5 says the last matching paragraph wins. In these patterns `*` also matches `/`, which
    `fnmatch` does as well. Raises LookupError when nothing matches, which means the copyright
    file does not cover the file and it must not be used.
    """
    match: FilesStanza | None = None
    for stanza in stanzas:
        if any(fnmatch.fnmatchcase(source_path, pattern) for pattern in stanza.patterns):
            match = stanza
    if match is None:
        raise LookupError(f"no Files: paragraph covers {source_path!r}")
    return match


def read_copyright(package_root: Path, package: str) -> list[FilesStanza]:
    """Parse `usr/share/doc/PACKAGE/copyright` inside an extracted package."""
    path = package_root / "usr" / "share" / "doc" / package / "copyright"
    return parse_copyright(path.read_text(encoding="utf-8"))
