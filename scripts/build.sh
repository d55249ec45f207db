#!/usr/bin/env bash
# Builds the release app into dist/: trunk (wasm, wasm-opt from node_modules),
# whose post_build hook (Trunk.toml) runs src/bin/prerender.rs: the scoped app
# CSS, an external boot script (no inline script, for a strict CSP), the app
# prerendered into index.html, embed.js / embed.css and embed-example.html for
# host pages, and explorer-offline.html, one self-contained file that works
# from file://.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline "$@"
