#!/usr/bin/env bash
# Runs the end-to-end suite (tests/e2e/) in headless Chromium against an
# already built dist/ (scripts/build.sh builds it; DIST=dir tests another).
# Screenshots land in tests/e2e/out/. E2E_TIMEOUT (seconds) bounds the run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f "${DIST:-dist}/index.html" ]; then
  echo "e2e: ${DIST:-dist}/ is missing: build it first with scripts/build.sh" >&2
  exit 1
fi
exec timeout --kill-after=10 "${E2E_TIMEOUT:-600}" \
  node --test --test-reporter=spec --test-concurrency=1 tests/e2e/ "$@"
