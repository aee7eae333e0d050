"""Command line: python3 -m vip_data [fetch|select|split|crops|all|report] --data-dir DIR."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from .collect import collect_photos, read_photos
from .crops import cut_crops
from .fetch import fetch_all
from .report import render_report
from .split import read_split, split_photos, write_split

DEFAULT_SEED = 20261204


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run the requested steps in order."""
    parser = argparse.ArgumentParser(
        prog="python3 -m vip_data",
        description="Fetch the allowed photo packages, select photos, split them and cut crops.")
    parser.add_argument("step", choices=["fetch", "select", "split", "crops", "all", "report"],
                        help="'select' includes 'fetch'; 'all' runs the four steps; 'report' "
                             "prints the Markdown tables of docs/data.md")
    parser.add_argument("--data-dir", type=Path, required=True,
                        help="folder for packages, photos and crops (keep it outside the repository)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"seed of the split and the crops (default {DEFAULT_SEED})")
    parser.add_argument("--validation-fraction", type=float, default=0.1,
                        help="share of non-sample photos held out whole (default 0.1)")
    parser.add_argument("--size", type=int, default=64,
                        help="crop side in pixels after resizing (default 64, allowed 16..512)")
    args = parser.parse_args(argv)

    if not 16 <= args.size <= 512:
        parser.error(f"--size must be 16..512, got {args.size}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    data_dir: Path = args.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)

    if args.step == "report":
        print(render_report(data_dir), end="")
        return

    if args.step in ("fetch", "select", "all"):
        roots = fetch_all(data_dir)
        if args.step == "fetch":
            return
        collect_photos(data_dir, roots)

    split_path = data_dir / "split.json"
    if args.step in ("split", "all"):
        photo_ids = [photo.id for photo in read_photos(data_dir)]
        split = split_photos(photo_ids, args.seed, args.validation_fraction)
        write_split(split_path, split, args.seed, args.validation_fraction)
        logging.info("split: %d train, %d validation photos",
                     len(split["train"]), len(split["validation"]))

    if args.step in ("crops", "all"):
        crops = cut_crops(data_dir, read_photos(data_dir), read_split(split_path), args.size,
                          args.seed)
        logging.info("cut %d crops of %d px into %s", len(crops), args.size,
                     data_dir / f"crops-{args.size}")


if __name__ == "__main__":
    main()
