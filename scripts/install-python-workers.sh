#!/bin/sh
# Installs the optional Python side of dlbench's external engines: the reference workers
# (Workers/python: `python3 -m dlbench_torch`, `python3 -m dlbench_jax`) plus PyTorch (CPU build) and JAX.
# Not needed to build or test dlbench; CI never runs it. Usage:
#   scripts/install-python-workers.sh            # workers + torch (CPU) + jax
#   scripts/install-python-workers.sh torch      # workers + torch only ("jax" likewise)
# PyTorch: the CPU-only wheel (~190 MB) comes from the torch CPU index, or from a pip find-links folder when
# pip is configured with one (`pip config list`); PyPI's default torch is the CUDA build (~4.6 GB with its
# NVIDIA libraries), which also runs on CPU but is not needed here.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
WHAT="${1:-all}"
TORCH_INDEX="${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"

"$PYTHON" -m pip install --upgrade numpy
"$PYTHON" -m pip install -e Workers/python

if [ "$WHAT" = all ] || [ "$WHAT" = torch ]; then
    # A local find-links folder with a +cpu wheel wins (offline machines); else the CPU index.
    if "$PYTHON" -m pip index versions torch 2>/dev/null | grep -q '+cpu'; then
        CPU_VERSION=$("$PYTHON" -m pip index versions torch 2>/dev/null | tr ' ,' '\n\n' | grep '+cpu' | head -n 1)
        "$PYTHON" -m pip install "torch==$CPU_VERSION"
    else
        "$PYTHON" -m pip install torch --index-url "$TORCH_INDEX"
    fi
fi
if [ "$WHAT" = all ] || [ "$WHAT" = jax ]; then
    "$PYTHON" -m pip install jax
fi

"$PYTHON" - <<'PY'
import importlib.util
for module in ("dlbench_workers", "torch", "jax"):
    print(f"{module}: {'installed' if importlib.util.find_spec(module) else 'missing'}")
PY
