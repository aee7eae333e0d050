#!/usr/bin/env bash
# Start, or resume from their checkpoints, the two vip-tiny training runs in the background:
#   cts       each C-T-S branch gets its own prompt (centre, surrounding, total)
#   ablation  all three branches get the total prompt
# Both use the same data, seed, batch size, step budget and one torch thread each.
#
# Usage: scripts/train-vip-tiny.sh TRAIN_JSONL RUN_ROOT [TOTAL_STEPS]
#   TRAIN_JSONL  {image, center, surrounding} rows, e.g. DATA_DIR/crops-72/train.jsonl
#   RUN_ROOT     gets cts/ and ablation/, each with checkpoint.pt, train.log and train.pid
#   TOTAL_STEPS  total optimizer steps of each run (default 20000); rerunning with a larger
#                value continues the same runs
# VIP_CODE_DIR selects the Python sources (default: this checkout's src/main/python).
# VIP_VAL_DATA, when set, is a JSONL of held-out rows: each run then prints the EMA weights'
# loss on a fixed batch of them every 250 steps, comparable between the two runs.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: $0 TRAIN_JSONL RUN_ROOT [TOTAL_STEPS]"
data="$(realpath "${1:?$usage}")"
run_root="$(realpath -m "${2:?$usage}")"
steps="${3:-20000}"
code_dir="${VIP_CODE_DIR:-$repo_root/src/main/python}"

if [[ ! -f "$code_dir/vip_model/train.py" ]]; then
  echo "no vip_model/train.py under $code_dir; set VIP_CODE_DIR to the Python sources" >&2
  exit 2
fi

start_run() {
  local name="$1" branch_prompts="$2"
  local out="$run_root/$name"
  mkdir -p "$out"

  if [[ -f "$out/train.pid" ]] && kill -0 "$(cat "$out/train.pid")" 2>/dev/null; then
    echo "$name: already running as pid $(cat "$out/train.pid"); not starting a second copy" >&2
    return
  fi
  local extra=()
  if [[ -f "$out/checkpoint.pt" ]]; then
    extra+=(--resume)
  fi
  if [[ -n "${VIP_VAL_DATA:-}" ]]; then
    extra+=(--val-data "$(realpath "$VIP_VAL_DATA")" --val-every 250)
  fi

  # Checkpoints every 50 steps: at the 0.2-1 step/s measured on a shared 2-core machine that
  # is every 1-4 minutes, so a stopped session loses little.
  # Text max length 80 tokens: the captioner's total prompt ("Center: ...; Surrounding: ...")
  # has a median of 57 and a maximum of 82 tokens on the training crops, so the trainer's
  # default of 32 would cut every total prompt before its surrounding part.
  # setsid puts the trainer in its own session, so it outlives this shell. It runs in place
  # (this background job is no process group leader), so $! is the trainer's own pid.
  (
    cd "$code_dir"
    # OPENBLAS_NUM_THREADS: torch.set_num_threads does not limit OpenBLAS's own pool.
    OPENBLAS_NUM_THREADS=1 nohup setsid /usr/bin/python3 -m vip_model.train \
      --data "$data" --out "$out" --steps "$steps" --batch-size 16 --threads 1 --seed 0 \
      --branch-prompts "$branch_prompts" --max-length 80 --log-every 50 --checkpoint-every 50 \
      "${extra[@]}" \
      >>"$out/train.log" 2>&1 </dev/null &
    echo $! >"$out/train.pid"
  )
  echo "$name: started pid $(cat "$out/train.pid") (${extra[*]:-new run}), log $out/train.log"
}

start_run cts own
start_run ablation total
