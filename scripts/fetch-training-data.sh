#!/usr/bin/env bash
# Fetch the photos for the vip-tiny demo model, select them, hold out validation photos and cut
# the training crops.
#
# Usage: scripts/fetch-training-data.sh [DATA_DIR] [--size PX] [--seed N]
# DATA_DIR defaults to $VIP_DATA_DIR, else ~/.cache/vip-outpaint/data. Keep it outside the
# repository: the packages and photos take about 700 MB.
# Needs apt-get (Debian bookworm sources), npm and Debian's python3 with Pillow.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${VIP_DATA_DIR:-$HOME/.cache/vip-outpaint/data}"
if [[ $# -gt 0 && "$1" != --* ]]; then
  data_dir="$1"
  shift
fi

# apt-get download finds pinned versions only in fresh package lists.
if [[ "$(id -u)" == 0 ]]; then
  apt-get update -qq
else
  echo "not root: skipping apt-get update; run it first if apt-get download fails" >&2
fi

cd "$repo_root/src/main/python"
exec /usr/bin/python3 -m vip_data all --data-dir "$data_dir" "$@"
