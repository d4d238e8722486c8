#!/bin/sh
# Checks the PyTorch and JAX reference workers on a CUDA GPU: W1 (MLP), W3 (CNN) and W4 (transformer) trained by
# torch eager, torch.compile and jax.jit with `"device": "cuda"`, beside dlbench eager on the CPU
# (Protocols/frameworks-gpu.json). Prints the report and fails unless every case ran and agreed with eager
# (deviation_from_eager within the protocol's tolerance): a GPU case that is skipped (no GPU seen, CUDA build
# missing) counts as a failure here, since the point is to exercise the GPU path.
# Needs an NVIDIA GPU and driver. Installs, only where missing, the CUDA builds: PyPI's default `torch` wheel
# (the CUDA one, ~4.6 GB with its NVIDIA libraries; a CPU-only build is replaced) and `jax[cuda12]`.
# Usage: scripts/gpu-frameworks-check.sh        (DLBENCH=path/to/dlbench to use another build;
#                                                 PYTHON=python3.x for another interpreter)
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DLBENCH="${DLBENCH:-.build/release/dlbench}"
PROTOCOL=Protocols/frameworks-gpu.json
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gpu-frameworks.XXXXXX")"
DB="$WORK/results.sqlite"

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
    echo "gpu-frameworks-check: no NVIDIA GPU visible (nvidia-smi -L failed); run this on a machine with one" >&2
    exit 1
fi
nvidia-smi -L

if ! "$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    echo "installing PyTorch's CUDA build (PyPI's default wheel)"
    "$PYTHON" -m pip uninstall -y torch >/dev/null 2>&1 || true
    # An empty find-links keeps a local +cpu wheel (pip config find-links) from winning: 2.x+cpu sorts above 2.x.
    PIP_FIND_LINKS= "$PYTHON" -m pip install torch --index-url https://pypi.org/simple
fi
if ! "$PYTHON" -c 'import jax; jax.devices("gpu")' >/dev/null 2>&1; then
    echo "installing JAX's CUDA 12 build (jax[cuda12])"
    "$PYTHON" -m pip install --upgrade "jax[cuda12]"
fi
"$PYTHON" -m pip install -e Workers/python >/dev/null
"$PYTHON" - <<'PY'
import torch, jax
print(f"torch {torch.__version__} (CUDA {torch.version.cuda}): {torch.cuda.get_device_name(0)}")
print(f"jax {jax.__version__}: {jax.devices('gpu')}")
PY

if [ ! -x "$DLBENCH" ]; then
    echo "building dlbench (release)"
    swift build -c release --product dlbench
fi

status=0
"$DLBENCH" run "$PROTOCOL" --db "$DB" || status=$?
"$DLBENCH" report --db "$DB" --all --metric deviation_from_eager --metric step_time || true
"$DLBENCH" report --db "$DB" --format csv > "$WORK/report.csv"
# Every case must have succeeded: `run` already exits 1 for a failed case (deviation included); a skip does not
# fail `run`, but here it means the GPU path was not exercised.
if ! "$PYTHON" - "$WORK/report.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
status_key = next((key for key in (rows[0] if rows else {}) if key.lower() in ("status", "case_status")), None)
if status_key is None:
    sys.exit("gpu-frameworks-check: the CSV report has no status column; cannot tell whether every case ran")
bad = sorted({(row.get("task"), row.get("engine"), row[status_key]) for row in rows if row[status_key] != "succeeded"})
for task, engine, status in bad:
    print(f"not succeeded: {task} × {engine}: {status}", file=sys.stderr)
sys.exit(1 if bad or not rows else 0)
PY
then
    status=1
fi
if [ "$status" -ne 0 ]; then
    echo "gpu-frameworks-check: FAILED (results: $DB)" >&2
    exit 1
fi
echo "gpu-frameworks-check: every case ran on the GPU and agreed with eager (results: $DB)"
