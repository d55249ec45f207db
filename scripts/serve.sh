#!/usr/bin/env bash
# Installs what is missing, builds the release app (scripts/build.sh: trunk,
# then the post-processing that prerenders and externalises the loader) and
# serves dist/ on http://127.0.0.1:${PORT:-8080}/ until interrupted.
# (Not `trunk serve`: it would serve trunk's output without the post-processing.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-browser
bash scripts/build.sh
exec node tests/e2e/server.mjs dist "${PORT:-8080}"
