#!/usr/bin/env bash
# Writes a static corpus site into OUT_DIR from articles (files, or folders of
# .txt and .md files): the app (built first when dist/ is missing or older
# than the sources) and the corpus index, analysed natively by the same core
# (docs/SHARDS.md). Serve OUT_DIR with any plain static server and open / for
# the library: every file but index.html, embed.js and corpus/manifest.json
# is named by its content and can be cached for ever.
#
#   bash scripts/site.sh [INDEX_OPTIONS] <OUT_DIR> <FILE|DIR>...
#
# INDEX_OPTIONS go to `article-explorer-cli index` (each with its value):
# --manifest-limit BYTES, --page ENTRIES, --list-size N, --titles-size N
# (how the index is cut into files; docs/SHARDS.md).
#
# Installs what is missing first (no browser needed). Nothing is written when
# an article cannot be read (the one-line reason is printed); files of an
# earlier site in OUT_DIR are left beside the new ones.
set -euo pipefail
usage() {
  echo "usage: bash scripts/site.sh [--manifest-limit BYTES] [--page ENTRIES] [--list-size N] [--titles-size N] <OUT_DIR> <FILE|DIR>..." >&2
  exit 2
}
opts=()
while [ $# -gt 0 ] && [[ "$1" == --* ]]; do
  [ $# -ge 2 ] || usage
  opts+=("$1" "$2")
  shift 2
done
[ $# -ge 2 ] || usage
abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
out=$(abs "$1"); shift
inputs=()
for input in "$@"; do inputs+=("$(abs "$input")"); done
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --no-browser
stale=$(find src assets seeds model index.html Cargo.toml Cargo.lock Trunk.toml build.rs -newer dist/library.html 2>/dev/null | head -1 || true)
if [ ! -f dist/library.html ] || [ -n "$stale" ]; then
  bash scripts/build.sh
fi
cargo build --quiet --release --no-default-features --bin article-explorer-cli

mkdir -p "$out"
# The index first: if an article cannot be read, the site is left as it was.
"${CARGO_TARGET_DIR:-target}/release/article-explorer-cli" index ${opts[@]+"${opts[@]}"} "$out/corpus" "${inputs[@]}"
for file in dist/*; do
  case "$(basename "$file")" in
    index.html | library.html | explorer-offline.html | embed-example.html | embed-example.css) ;;
    *) cp -R "$file" "$out/" ;;
  esac
done
cp dist/library.html "$out/index.html"
echo "site: $out (serve it, e.g. node tests/e2e/server.mjs '$out' 8080, and open /)"
