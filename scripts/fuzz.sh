#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 60), on
# nightly. New inputs the fuzzer finds go to a scratch folder, so the committed
# seed corpora (fuzz/corpus/<target>/) stay small; a crash stops the run with
# its input in fuzz/artifacts/<target>/. Without nightly or cargo-fuzz it says
# so and exits 0 (CI runs it; a user's machine may lack them).
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
# FUZZ_RUNS=N also stops each target after N executions (the long runs in
# BENCHMARKS.md: FUZZ_RUNS=10000000 bash scripts/fuzz.sh 3600).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain here, so no fuzzing (rustup toolchain install nightly)"; exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz is not installed, so no fuzzing (cargo install cargo-fuzz --locked)"; exit 0
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract url_query shards model_bundle packed import)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  echo "== fuzz: $t for ${SECONDS_EACH}s"
  # -rss_limit_mb: the whole chain on a 4 KB input stays far below; a leak would not.
  cargo +nightly fuzz run --fuzz-dir fuzz "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+[[:space:]]+(INITED|DONE)|==[0-9]+==|SUMMARY|INFO: Seed)' || true
  # grep swallows the exit status: a crash leaves an artifact.
  # (ls with several patterns fails unless every one matches: find any of them.)
  if [ -n "$(find "fuzz/artifacts/$t" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | head -1)" ]; then
    echo "fuzz: $t found a failing input: fuzz/artifacts/$t/"; exit 1
  fi
done
