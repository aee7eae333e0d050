"""Command line of the outpainting evaluation.

    python3 -m vip_eval run --crop-dir DIR/crops-64 [--bundle NAME=BUNDLE:PROMPTS ...]
    python3 -m vip_eval known --crop-dir DIR/crops-64 --out KNOWN_DIR
    python3 -m vip_eval keywords --crop-dir DIR/crops-64 --bundle BUNDLE --describe-jsonl J --out OUT
    python3 -m vip_eval keyword-score --out OUT --captions OUT_CAPTIONS.jsonl
    python3 -m vip_eval figure --crop-dir DIR/crops-64 [--bundle NAME=BUNDLE:PROMPTS ...] --out F.png
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from PIL import Image

from .baselines import BASELINES
from .evaluate import evaluate
from .keywords import DEFAULT_KEYWORDS, score_keywords
from .report import render_table
from .tasks import load_tasks

PROMPT_KINDS = ("describe", "extrapolate", "none")


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run the requested subcommand."""
    parser = argparse.ArgumentParser(
        prog="python3 -m vip_eval",
        description="Outpaint the held-out validation crops (2.25x all-around and 2x one-side) "
                    "and report masked PSNR and SSIM, seam ratio and colour-histogram distance.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="evaluate baselines and model bundles")
    _add_task_options(run)
    _add_method_options(run)
    run.add_argument("--limit", type=int, default=0,
                     help="evaluate only the first N tasks (default 0: all)")
    run.add_argument("--out", type=Path, help="also write the results as JSON to this file")

    known = commands.add_parser("known", help="write each task's known region as a PNG, to "
                                              "caption it in extrapolate mode")
    _add_task_options(known)
    known.add_argument("--out", type=Path, required=True, help="folder for the PNG files")

    keywords = commands.add_parser(
        "keywords", help="outpaint each all-around task once per surrounding keyword, for the "
                         "keyword-control check")
    _add_task_options(keywords)
    keywords.add_argument("--bundle", type=Path, required=True, help="bundle folder")
    keywords.add_argument("--describe-jsonl", type=Path, required=True,
                          help="captioner describe-mode output over --crop-dir (centre prompts)")
    keywords.add_argument("--keywords", default=",".join(DEFAULT_KEYWORDS),
                          help=f"comma-separated surrounding keywords "
                               f"(default {','.join(DEFAULT_KEYWORDS)})")
    _add_sampling_options(keywords)
    keywords.add_argument("--limit", type=int, default=0,
                          help="use only the first N all-around tasks (default 0: all)")
    keywords.add_argument("--out", type=Path, required=True,
                          help="folder for the outputs and keywords.jsonl")

    keyword_score = commands.add_parser(
        "keyword-score", help="score the captioned keyword outputs")
    keyword_score.add_argument("--out", type=Path, required=True,
                               help="the folder that 'keywords' wrote")
    keyword_score.add_argument("--captions", type=Path, required=True,
                               help="captioner describe-mode output over that folder")

    figure = commands.add_parser(
        "figure", help="write a before/after PNG: input, each method's output, real photo")
    _add_task_options(figure)
    _add_method_options(figure)
    figure.add_argument("--tasks", default="",
                        help="comma-separated task ids (default: the all-around task of the "
                             "first crop of each held-out photo)")
    figure.add_argument("--scale", type=int, default=3,
                        help="nearest-neighbour enlargement factor (default 3)")
    figure.add_argument("--out", type=Path, required=True, help="PNG file to write")

    args = parser.parse_args(argv)
    if args.command == "keyword-score":
        _print_keyword_scores(score_keywords(args.out / "keywords.jsonl", args.captions))
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    tasks = load_tasks(args.crop_dir, args.size)

    if args.command == "known":
        _write_known_regions(tasks, args.out)
        return
    if args.command == "keywords":
        _write_keyword_outputs(parser, args, tasks)
        return
    if args.command == "figure":
        _write_figure(parser, args, tasks)
        return
    if args.limit > 0:
        tasks = tasks[:args.limit]
    methods = _baseline_methods(parser, args.baselines)
    methods.update(_bundle_methods(parser, args, tasks))

    logging.info("evaluating %d methods on %d tasks from %s", len(methods), len(tasks),
                 args.crop_dir)
    results = evaluate(methods, tasks)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render_table(results), end="")


def _add_method_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--baselines", default=",".join(BASELINES),
                        help=f"comma-separated baselines from {sorted(BASELINES)}, or '' for "
                             f"none (default: all)")
    parser.add_argument("--bundle", action="append", default=[], metavar="NAME=DIR:PROMPTS",
                        help=f"evaluate the bundle in DIR as method NAME, with PROMPTS one of "
                             f"{PROMPT_KINDS}; repeatable")
    parser.add_argument("--describe-jsonl", type=Path,
                        help="captioner describe-mode output over --crop-dir (for ':describe')")
    parser.add_argument("--extrapolate-jsonl", type=Path,
                        help="captioner extrapolate-mode output over the 'known' folder "
                             "(for ':extrapolate')")
    _add_sampling_options(parser)


def _add_sampling_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--steps", type=int,
                        help="DDIM steps (default: the bundle's model.json defaults)")
    parser.add_argument("--guidance-scale", type=float,
                        help="classifier-free guidance scale (default: the bundle's)")
    parser.add_argument("--eta", type=float,
                        help="DDIM eta, 0..1 (default: the bundle's)")
    parser.add_argument("--seed", type=int, default=0, help="base seed of the initial noise")


def _add_task_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--crop-dir", type=Path, required=True,
                        help="crop folder written by vip_data (crops.jsonl and validation/)")
    parser.add_argument("--size", type=int, default=64,
                        help="canvas side in pixels; larger crops are centre-cropped (default 64)")


def _baseline_methods(parser: argparse.ArgumentParser, names_text: str) -> dict:
    names = [name.strip() for name in names_text.split(",") if name.strip()]
    unknown = sorted(set(names) - set(BASELINES))
    if unknown:
        parser.error(f"unknown baselines {unknown}; available: {sorted(BASELINES)}")
    return {name: BASELINES[name] for name in names}


def _bundle_methods(parser: argparse.ArgumentParser, args: argparse.Namespace, tasks) -> dict:
    # Imported here so that baseline-only runs need no torch.
    from .bundle_method import BundleMethod, describe_prompts, extrapolate_prompts

    methods = {}
    for spec in args.bundle:
        name, _, rest = spec.partition("=")
        bundle_dir, _, prompt_kind = rest.rpartition(":")
        if not name or not bundle_dir or prompt_kind not in PROMPT_KINDS:
            parser.error(f"--bundle must be NAME=DIR:PROMPTS with PROMPTS in {PROMPT_KINDS}, "
                         f"got {spec!r}")
        if not (Path(bundle_dir) / "model.json").is_file():
            parser.error(f"--bundle {spec!r}: {bundle_dir}/model.json not found")

        prompts = None
        if prompt_kind == "describe":
            if not args.describe_jsonl:
                parser.error(f"--bundle {spec!r} needs --describe-jsonl")
            prompts = describe_prompts(tasks, args.describe_jsonl)
        elif prompt_kind == "extrapolate":
            if not args.extrapolate_jsonl:
                parser.error(f"--bundle {spec!r} needs --extrapolate-jsonl")
            prompts = extrapolate_prompts(tasks, args.extrapolate_jsonl)
        methods[name] = BundleMethod(Path(bundle_dir), prompts, args.steps, args.guidance_scale,
                                     args.seed, args.eta)
    return methods


def _write_known_regions(tasks, out_dir: Path) -> None:
    from .bundle_method import task_file_name

    out_dir.mkdir(parents=True, exist_ok=True)
    for task in tasks:
        left, top, right, bottom = task.known_box
        known = np.round(task.truth[top:bottom, left:right] * 255).astype(np.uint8)
        Image.fromarray(known).save(out_dir / task_file_name(task.id))
    logging.info("wrote %d known regions to %s", len(tasks), out_dir)


def _write_keyword_outputs(parser: argparse.ArgumentParser, args: argparse.Namespace,
                           tasks) -> None:
    from .bundle_method import BundleMethod, describe_prompts
    from .keywords import generate_keyword_outputs

    keywords = [word.strip().lower() for word in args.keywords.split(",") if word.strip()]
    if not keywords:
        parser.error("--keywords is empty; give at least one word")
    tasks = [task for task in tasks if task.kind == "all-around"]
    if args.limit > 0:
        tasks = tasks[:args.limit]
    method = BundleMethod(args.bundle, None, args.steps, args.guidance_scale, args.seed,
                          args.eta)
    count = generate_keyword_outputs(method, tasks, describe_prompts(tasks, args.describe_jsonl),
                                     keywords, args.out)
    logging.info("wrote %d keyword outputs to %s; caption them in describe mode, then run "
                 "keyword-score", count, args.out)


def _write_figure(parser: argparse.ArgumentParser, args: argparse.Namespace, tasks) -> None:
    from .figures import before_after_grid

    if args.tasks:
        wanted = [task_id.strip() for task_id in args.tasks.split(",") if task_id.strip()]
        by_id = {task.id: task for task in tasks}
        unknown = [task_id for task_id in wanted if task_id not in by_id]
        if unknown:
            parser.error(f"unknown task ids {unknown}; ids look like {tasks[0].id!r}")
        chosen = [by_id[task_id] for task_id in wanted]
    else:
        # Crop stems end in __NNN; keep the first all-around task of each photo.
        chosen, seen = [], set()
        for task in tasks:
            photo = task.id.split("/")[0].rsplit("__", 1)[0]
            if task.kind == "all-around" and photo not in seen:
                seen.add(photo)
                chosen.append(task)

    methods = _baseline_methods(parser, args.baselines)
    methods.update(_bundle_methods(parser, args, chosen))
    before_after_grid(chosen, methods, args.scale).save(args.out)
    logging.info("wrote %s: %d tasks x %d methods", args.out, len(chosen), len(methods))


def _print_keyword_scores(scores: dict[str, dict[str, float]]) -> None:
    print("| keyword | outputs | ring description contains it: requested | not requested |")
    print("|---|---|---|---|")
    for keyword, score in scores.items():
        print(f"| {keyword} | {score['n']} | {score['requested']:.2f} | "
              f"{score['not_requested']:.2f} |")


if __name__ == "__main__":
    main()
