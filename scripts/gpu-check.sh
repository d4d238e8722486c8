#!/usr/bin/env bash
# The device check, as one script: unpack the GPU bundle, run its checks and quickstart-gpu on the GPU, and when a
# training step crashes, replay one small training case with every OpenCL launch traced (the last launch named
# before the crash is the faulting kernel). Writes logs to $OUT (or ./gpu-check-out). Usage: scripts/gpu-check.sh
set -uo pipefail
out="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$out"
bundle="${1:-.build/dlbench-gpu-bundle.tar.xz}"
work=$(mktemp -d)
tar -C "$work" -xJf "$bundle" || { echo "gpu-check: cannot unpack $bundle" >&2; exit 1; }
cd "$work/dlbench-gpu"
timeout 330 ./run.sh 2>&1 | tee "$out/run.log" | grep -vE "^Test Case .* (started|passed)" | tail -80
status=${PIPESTATUS[0]}
if grep -qE "SIGSEGV|signal 11|crashed" "$out/run.log"; then
    echo "== a crash was seen: tracing one small opencl training case"
    cat > "$work/trace.json" <<'JSON'
{ "name": "gpu-trace", "machines": [{ "name": "gpu", "threads": 1, "device": "gpu" }],
  "datasets": [{ "name": "d", "kind": "gaussian-clusters", "features": 8, "classes": 3, "trainSamples": 64, "testSamples": 32 }],
  "models": [{ "name": "m", "kind": "mlp", "hidden": [16] }],
  "engines": [{ "name": "opencl", "kind": "opencl" }],
  "tasks": [{ "name": "t", "kind": "train", "model": "m", "dataset": "d", "batchSize": 8, "steps": 2,
              "optimizer": { "kind": "sgd", "lr": 0.1, "momentum": 0.9 } }],
  "repetition": { "warmupSteps": 1, "trials": 1 } }
JSON
    export LD_LIBRARY_PATH="$PWD/lib" OCL_ICD_VENDORS="${OCL_ICD_VENDORS:-$PWD/vendors}"
    DLBENCH_OPENCL_TRACE=1 timeout 120 ./bin/dlbench run "$work/trace.json" --db "$work/trace.sqlite" --in-process \
        > "$out/trace.log" 2>&1
    echo "trace exit $?"; tail -40 "$out/trace.log"
fi
cp results.sqlite "$out/" 2>/dev/null || true
exit $status
