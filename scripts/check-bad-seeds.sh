#!/usr/bin/env bash
# A real build with a bad seed must stop and name the file: copies the
# project to a temporary folder, adds one bad seed at a time and runs
# cargo check there (its build folder kept in this project's, so that its
# dependencies are checked once, not on every run).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="$(realpath -m "${CARGO_TARGET_DIR:-target}")/bad-seeds"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$tmp"/ 2>/dev/null || cp -r Cargo.toml Cargo.lock build.rs build src seeds data model "$tmp"/
fails=0
try() { # name, bytes (printf format), expected words
  local name=$1 bytes=$2 expect=$3
  rm -f "$tmp"/seeds/zz-bad*
  printf "$bytes" > "$tmp/seeds/$name"
  if out=$(cd "$tmp" && CARGO_TARGET_DIR="$shared" cargo check -q --lib --no-default-features 2>&1); then
    echo "FAIL: the build accepted seeds/$name"; fails=$((fails + 1))
  elif grep -q "seeds/$name" <<<"$out" && grep -q "$expect" <<<"$out"; then
    echo "ok: seeds/$name stops the build: $(grep -m1 "seeds/$name" <<<"$out" | sed 's/^ *//')"
  else
    echo "FAIL: seeds/$name stopped the build without naming it: $out"; fails=$((fails + 1))
  fi
}
try zz-bad-empty.txt '' 'is empty'
try zz-bad-latin1.md 'Caf\xe9\n' 'not UTF-8'
echo "$((2 - fails)) passed, $fails failed"
[ "$fails" = 0 ]
