#!/usr/bin/env bash
# Installs the system libraries dlbench links against, only those that are missing (Debian/Ubuntu).
#   OpenBLAS (cblas_sgemm), the OpenCL ICD loader + headers, PoCL (OpenCL on the CPU), SQLite, zlib (gzipped datasets), and a C compiler
#   (the fused engine compiles its generated kernels with cc; without one it interprets them).
set -euo pipefail
"$(dirname "$0")/apt-install.sh" libopenblas-dev ocl-icd-opencl-dev opencl-headers pocl-opencl-icd libsqlite3-dev zlib1g-dev gcc
