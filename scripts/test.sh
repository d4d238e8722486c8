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
swift build --build-tests
# XCTest only: the suite has no Swift Testing tests, and its empty summary line would read as "ran no test".
swift test --skip-build --disable-swift-testing "$@"
