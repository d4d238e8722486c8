#!/usr/bin/env bash
# Installs Debian's chromium for the headless-browser test of the HTML report (HTMLBrowserTests), only when it is
# missing. scripts/test.sh runs it under CI (CI set); elsewhere run it by hand, or the test skips with the reason.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
"$(dirname "$0")/apt-install.sh" chromium
