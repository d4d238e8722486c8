#!/usr/bin/env bash
# Installs Debian's chromium for the headless-browser test of the HTML report (HTMLBrowserTests), only when it is
# missing. scripts/test.sh runs it under CI (CI set); elsewhere run it by hand, or the test skips with the reason.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "dlbench: chromium is missing; install it with your package manager (apt-get not found)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "dlbench: run as root or install sudo to install chromium" >&2; exit 1; }
  sudo="sudo"
fi
echo "dlbench: installing chromium (the HTML report's browser test)" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
