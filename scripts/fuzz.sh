#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 60), on
# nightly, FUZZ_JOBS targets at a time (default: one per core; each libFuzzer
# process uses one). New inputs the fuzzer finds go to a scratch folder, so the committed
# seed corpora (fuzz/corpus/<target>/) stay small; a crash fails the run, with
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
jobs="${FUZZ_JOBS:-$(nproc)}"
# A cargo target folder given from outside (CI keeps one beside the clone) gets a
# folder of its own for the nightly, sanitized fuzz builds.
target_dir=(${CARGO_TARGET_DIR:+--target-dir "$CARGO_TARGET_DIR/fuzz"})
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "== fuzz: building ${#targets[@]} targets"
for t in "${targets[@]}"; do
  cargo +nightly fuzz build --fuzz-dir fuzz ${target_dir[@]+"${target_dir[@]}"} "$t"
done
one() { # target: its run, its report lines kept in the scratch folder
  local t=$1
  mkdir -p "$scratch/$t"
  # -rss_limit_mb: the whole chain on a 4 KB input stays far below; a leak would not.
  cargo +nightly fuzz run --fuzz-dir fuzz ${target_dir[@]+"${target_dir[@]}"} "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+[[:space:]]+(INITED|DONE)|==[0-9]+==|SUMMARY|INFO: Seed)' \
    > "$scratch/$t.log" || true
}
echo "== fuzz: ${SECONDS_EACH}s each, $jobs at a time"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  one "$t" &
done
wait
failed=0
for t in "${targets[@]}"; do
  echo "== fuzz: $t for ${SECONDS_EACH}s"
  cat "$scratch/$t.log"
  # grep swallows the exit status: a crash leaves an artifact.
  # (ls with several patterns fails unless every one matches: find any of them.)
  if [ -n "$(find "fuzz/artifacts/$t" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | head -1)" ]; then
    echo "fuzz: $t found a failing input: fuzz/artifacts/$t/"; failed=1
  fi
done
exit "$failed"
