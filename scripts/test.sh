#!/usr/bin/env bash
# The whole test suite: installs missing system libraries, then builds and runs every test target.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
# CI also gets the browser the HTML report's headless test needs (HTMLBrowserTests fails without it under CI and
# skips elsewhere; run scripts/install-browser.sh to get it locally).
# CI also installs every framework the reference workers drive, so FrameworkAgreementTests run (and fail, rather
# than skip, when a framework is missing); locally they skip until scripts/install-python-workers.sh has run.
if [ -n "${CI:-}" ]; then scripts/install-browser.sh; scripts/install-python-workers.sh all; fi
# PostgreSQL store tests use the server at DLBENCH_TEST_POSTGRES_URL (password: PGPASSWORD). CI always starts a
# throw-away one on loopback (installing postgresql when missing); locally one starts when none is given and
# PostgreSQL is installed, else those tests skip. The output is captured first: a failed `eval "$(...)"` passes.
start_postgres=""
if [ -n "${CI:-}" ]; then
  pg_env="$(scripts/start-test-postgres.sh)"
  start_postgres=1
elif [ -z "${DLBENCH_TEST_POSTGRES_URL:-}" ]; then
  status=0
  pg_env="$(scripts/start-test-postgres.sh)" || status=$?
  if [ "$status" -eq 0 ]; then start_postgres=1
  elif [ "$status" -eq 3 ]; then echo "dlbench: PostgreSQL not found; the PostgreSQL store tests will skip" >&2
  else exit "$status"
  fi
fi
if [ -n "$start_postgres" ]; then
  eval "$pg_env"
  trap 'scripts/stop-test-postgres.sh "$DLBENCH_TEST_POSTGRES_DIR"' EXIT
fi
swift build --build-tests
# XCTest only: the suite has no Swift Testing tests, and its empty summary line would read as "ran no test".
swift test --skip-build --disable-swift-testing "$@"
