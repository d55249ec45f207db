#!/usr/bin/env bash
# Runs the end-to-end suite (tests/e2e/) in headless Chromium against an
# already built dist/ (scripts/build.sh builds it; DIST=dir tests another):
# every test file, then the app, the prerendered page and the embed example
# again, served with the strict Content-Security-Policy the app promises to
# work under. Screenshots land in tests/e2e/out/. E2E_TIMEOUT (seconds) bounds each run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f "${DIST:-dist}/index.html" ]; then
  echo "e2e: ${DIST:-dist}/ is missing: build it first with scripts/build.sh" >&2
  exit 1
fi
STRICT_CSP="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
run() { timeout --kill-after=10 "${E2E_TIMEOUT:-600}" node --test --test-reporter=spec --test-concurrency=1 "$@"; }

echo "== e2e: every test file"
run tests/e2e/ "$@"
echo "== e2e: again under Content-Security-Policy: $STRICT_CSP"
E2E_CSP="$STRICT_CSP" run tests/e2e/app.test.mjs tests/e2e/prerender.test.mjs tests/e2e/embed.test.mjs tests/e2e/robustness.test.mjs tests/e2e/model.test.mjs tests/e2e/storage.test.mjs tests/e2e/corpus.test.mjs "$@"
