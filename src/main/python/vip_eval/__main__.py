"""Command line: python3 -m vip_eval --crop-dir DIR/crops-64 [--methods ...] [--out FILE]."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from .baselines import BASELINES
from .evaluate import evaluate
from .report import render_table
from .tasks import load_tasks


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run the methods on the validation tasks and print a Markdown table."""
    parser = argparse.ArgumentParser(
        prog="python3 -m vip_eval",
        description="Outpaint the held-out validation crops (2.25x all-around and 2x one-side) "
                    "and report masked PSNR and SSIM, seam ratio and colour-histogram distance.")
    parser.add_argument("--crop-dir", type=Path, required=True,
                        help="crop folder written by vip_data (crops.jsonl and validation/)")
    parser.add_argument("--size", type=int, default=64,
                        help="canvas side in pixels; larger crops are centre-cropped (default 64)")
    parser.add_argument("--methods", default=",".join(BASELINES),
                        help=f"comma-separated methods, from {sorted(BASELINES)} "
                             f"(default: all of them)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)

    names = [name.strip() for name in args.methods.split(",") if name.strip()]
    unknown = sorted(set(names) - set(BASELINES))
    if unknown:
        parser.error(f"unknown methods {unknown}; available: {sorted(BASELINES)}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    tasks = load_tasks(args.crop_dir, args.size)
    logging.info("evaluating %d methods on %d tasks from %s", len(names), len(tasks), args.crop_dir)
    results = evaluate({name: BASELINES[name] for name in names}, tasks)

    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render_table(results), end="")


if __name__ == "__main__":
    main()
