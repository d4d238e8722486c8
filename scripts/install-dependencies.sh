#!/usr/bin/env bash
# Installs the system libraries dlbench links against, only those that are missing (Debian/Ubuntu).
#   OpenBLAS (cblas_sgemm), the OpenCL ICD loader + headers, PoCL (OpenCL on the CPU), SQLite, and a C compiler
#   (the fused engine compiles its generated kernels with cc; without one it interprets them).
set -euo pipefail

packages=(libopenblas-dev ocl-icd-opencl-dev opencl-headers pocl-opencl-icd libsqlite3-dev gcc)
missing=()
for package in "${packages[@]}"; do
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
