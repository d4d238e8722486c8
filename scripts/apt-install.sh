#!/usr/bin/env bash
# Installs the given Debian/Ubuntu packages that are not installed yet (root or sudo), quietly; exits 0 when none
# is missing. Shared by install-dependencies.sh and install-browser.sh.
#   Usage: scripts/apt-install.sh PACKAGE...
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "dlbench: missing ${missing[*]}; install them with your package manager (apt-get not found)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "dlbench: run as root or install sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "dlbench: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
