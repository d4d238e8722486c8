#!/usr/bin/env bash
# One-time set-up: system libraries (when missing) and a release build of dlbench at .build/release/dlbench.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift build -c release --product dlbench
