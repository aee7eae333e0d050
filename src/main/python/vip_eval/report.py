"""Render evaluation results as a Markdown table."""

from __future__ import annotations


def render_table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """Return one row per (method, task kind): PSNR and SSIM higher is better, the others lower."""
    lines = ["| method | task | n | masked PSNR (dB) ↑ | masked SSIM ↑ | seam ratio (1 = real) | "
             "colour hist. distance ↓ |",
             "|---|---|---|---|---|---|---|"]
    for method, kinds in results.items():
        for kind, metrics in sorted(kinds.items()):
            lines.append(f"| {method} | {kind} | {metrics['tasks']} | {metrics['psnr_db']:.2f} | "
                         f"{metrics['ssim']:.3f} | {metrics['seam_ratio']:.2f} | "
                         f"{metrics['histogram_distance']:.3f} |")
    return "\n".join(lines) + "\n"
