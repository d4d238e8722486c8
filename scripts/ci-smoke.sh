#!/usr/bin/env bash
# CI smoke benchmark: builds the release binary, runs Protocols/ci-smoke.json (a few seconds: eager vs fused on a
# small MLP, adaptive trials within 10 s per case) into a throw-away database, then gates on the protocol's `expectations` —
# relations within the run (ratios, not absolute times), because CI machines are noisy and shared.
# Exit status: that of `dlbench check` (0 pass, 1 regression, 2 usage or data error), or of a failed build/run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product dlbench
binary="$(swift build -c release --product dlbench --show-bin-path)/dlbench"
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
"$binary" run Protocols/ci-smoke.json --db "$workdir/smoke.sqlite" --quiet
"$binary" check --db "$workdir/smoke.sqlite" --verbose
"$binary" report --db "$workdir/smoke.sqlite" --format markdown --baseline-engine eager
