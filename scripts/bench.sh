#!/usr/bin/env bash
# Benchmarks: the core natively (one core) and compromise on the same text.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-browser >/dev/null
mapfile -t inputs < <(python3 bench/make-corpus.py)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), rustc $(rustc --version | cut -d' ' -f2), node $(node --version)"
cargo bench --bench throughput -- "${inputs[@]}"
node bench/compromise.mjs "${inputs[@]}"
