#!/usr/bin/env bash
# Export a randomly initialised tiny VIP bundle into DIR for tests, unless DIR/model.json
# already exists. Uses Debian's /usr/bin/python3 (python3-torch); takes well under a minute.
#
#   scripts/export-test-bundle.sh DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR  (exports a random tiny bundle into DIR unless DIR/model.json exists)" >&2
  exit 2
fi
out="$1"
if [[ -f "$out/model.json" ]]; then
  echo "bundle already present: $out/model.json"
  exit 0
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" \
  PYTHONPATH="$repo/src/main/python" \
  /usr/bin/python3 -m vip_model.export --config tiny --random-init --seed 0 --out "$out"
