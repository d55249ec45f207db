#!/usr/bin/env bash
# Builds the release app into dist/ with trunk (wasm-opt from node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline "$@"
