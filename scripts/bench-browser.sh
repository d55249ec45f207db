#!/usr/bin/env bash
# Browser benchmarks in Chromium (see BENCHMARKS.md): the wasm core against
# compromise on the same texts in one page (bench/browser.mjs), then start-up of
# the prerendered page (bench/startup.mjs), then a 1,000-section article imported into the
# app, typed into and filtered (bench/scale.mjs). Builds dist/ first when it is missing
# or predates the benchmark export (`analyse_for_benchmark`, src/app/bench.rs).
#   bash scripts/bench-browser.sh [LOADS]      (DIST=… and CHROMIUM=… are passed on)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${DIST:-dist}"
glue_has_export() {
  local boot glue
  boot=$(ls "$DIST"/boot-*.js 2>/dev/null | head -n1) || return 1
  [ -n "$boot" ] || return 1
  glue=$(sed -n "s#^import .* from '\./\([^']*\.js\)';#\1#p" "$boot")
  [ -n "$glue" ] && grep -q 'export function analyse_for_benchmark' "$DIST/$glue"
}
if [ ! -f "$DIST/index.html" ] || ! glue_has_export; then
  [ "$DIST" = dist ] || { echo "bench-browser: $DIST has no build with analyse_for_benchmark" >&2; exit 2; }
  bash scripts/build.sh
fi
mapfile -t inputs < <(python3 bench/make-corpus.py)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
DIST="$DIST" node bench/browser.mjs "${inputs[@]}"
DIST="$DIST" node bench/startup.mjs "${1:-9}"
DIST="$DIST" node bench/scale.mjs
