#!/usr/bin/env bash
# Export the current checkpoints of both vip-tiny runs and evaluate them on the held-out tasks:
# metrics table, before/after figure and keyword control.
#
# Usage: scripts/evaluate-vip-tiny.sh TAG [DDIM_STEPS]
#   TAG         names the bundles (RUN_ROOT/bundles/{cts,ablation}-TAG) and the output folder
#               (RUN_ROOT/eval-TAG), for example the step count
#   DDIM_STEPS  sampling steps (default: the bundle's model.json defaults)
# Environment, with this machine's defaults:
#   VIP_DATA_DIR   data folder of scripts/fetch-training-data.sh (/work/vip-data/v1)
#   VIP_RUN_ROOT   folder with the run folders (/work/vip-train)
#   VIP_CTS_RUN, VIP_ABLATION_RUN
#                  run folders of the C-T-S model and of the ablation (cts-v, ablation-v)
#   VIP_CODE_DIR   Python sources with the exporter (this checkout's src/main/python)
#   VIP_EXPORT_DEFAULTS
#                  sampling defaults written into both bundles
#                  (--default-steps 2 --default-timestep-spacing trailing --default-eta 1
#                  --default-guidance-scale 1, the shipped vip-tiny settings)
#   VIP_CAPTION_CP Java classpath of the captioner's CaptionMain, for the keyword check
#                  (/tmp/vip-caption-cli build); when empty, the keyword check is skipped
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tag="${1:?usage: $0 TAG [DDIM_STEPS]}"
steps_option=()
if [[ -n "${2:-}" ]]; then
  steps_option=(--steps "$2")
fi
data="${VIP_DATA_DIR:-/work/vip-data/v1}"
run_root="${VIP_RUN_ROOT:-/work/vip-train}"
code="${VIP_CODE_DIR:-$repo_root/src/main/python}"
declare -A runs=([cts]="${VIP_CTS_RUN:-cts-v}" [ablation]="${VIP_ABLATION_RUN:-ablation-v}")
read -r -a export_defaults <<<"${VIP_EXPORT_DEFAULTS:---default-steps 2 --default-timestep-spacing trailing --default-eta 1 --default-guidance-scale 1}"
default_cp=""
if [[ -f /tmp/vip-caption-cli/cp.txt ]]; then
  default_cp="/tmp/vip-caption-cli/classes:$(cat /tmp/vip-caption-cli/cp.txt)"
fi
caption_cp="${VIP_CAPTION_CP:-$default_cp}"
out="$run_root/eval-$tag"
bundles="$run_root/bundles"
mkdir -p "$out" "$bundles"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

# 1. Export. The checkpoint is copied first because the trainer may replace it meanwhile.
for run in cts ablation; do
  cp "$run_root/${runs[$run]}/checkpoint.pt" "$out/$run-checkpoint.pt"
  PYTHONPATH="$code" /usr/bin/python3 -m vip_model.export --checkpoint "$out/$run-checkpoint.pt" \
    --out "$bundles/$run-$tag" --name "vip-tiny-$run" --version "0.0.0-$tag" \
    --no-dpm-solver --golden-steps 2 "${export_defaults[@]}"
  rm "$out/$run-checkpoint.pt"
done

# 2. Metrics of the baselines and four model variants on all 120 tasks.
cd "$repo_root/src/main/python"
/usr/bin/python3 -m vip_eval run --crop-dir "$data/crops-64" \
  --describe-jsonl "$data/prompts-describe.jsonl" \
  --extrapolate-jsonl "$data/eval-prompts-extrapolate-64.jsonl" \
  --bundle "cts-describe=$bundles/cts-$tag:describe" \
  --bundle "cts-extrapolate=$bundles/cts-$tag:extrapolate" \
  --bundle "cts-unconditional=$bundles/cts-$tag:none" \
  --bundle "ablation-describe=$bundles/ablation-$tag:describe" \
  "${steps_option[@]}" --out "$out/results.json" >"$out/results.md"

# 3. Before/after figure of one crop per held-out photo.
/usr/bin/python3 -m vip_eval figure --crop-dir "$data/crops-64" \
  --describe-jsonl "$data/prompts-describe.jsonl" \
  --bundle "cts=$bundles/cts-$tag:describe" --bundle "ablation=$bundles/ablation-$tag:describe" \
  "${steps_option[@]}" --out "$out/before-after.png"

# 4. Keyword control on 20 all-around tasks.
if [[ -z "$caption_cp" ]]; then
  echo "VIP_CAPTION_CP is empty: skipping the keyword check" >&2
else
  /usr/bin/python3 -m vip_eval keywords --crop-dir "$data/crops-64" --bundle "$bundles/cts-$tag" \
    --describe-jsonl "$data/prompts-describe.jsonl" "${steps_option[@]}" --limit 20 \
    --out "$out/keywords"
  java -Xmx256m -cp "$caption_cp" dev.vipoutpaint.cli.CaptionMain --dataset "$out/keywords" \
    --out "$out/keywords-captions.jsonl" --mode describe
  /usr/bin/python3 -m vip_eval keyword-score --out "$out/keywords" \
    --captions "$out/keywords-captions.jsonl" >"$out/keywords.md"
fi
echo "results in $out"
