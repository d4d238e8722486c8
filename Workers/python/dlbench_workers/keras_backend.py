"""Keras 3 backend: a `keras.Model` of Keras layers, `model.compile(jit_compile=…)`, one `train_on_batch` per
timed step and `predict_on_batch` per query, over the Keras backend named by `options.backend`.

The order matters and is why Keras is imported here, late: the thread policy (threads.apply) and the device
choice must be in the environment before the framework loads, and `KERAS_BACKEND` is read once, at `import keras`.

What `jitCompile` (default true) means per backend (Keras 3.15):
- tensorflow: true → the step is a `tf.function(jit_compile=True)` (XLA); false → a plain `tf.function` graph.
- jax: true → the step is `jax.jit`-compiled; false → the step runs op by op (JAX eager).
- torch: true → the step is wrapped in `torch.compile` (Inductor); false → PyTorch eager.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Tuple

import numpy as np

from . import devices, threads
from .handoff import HandOff
from .wire import WorkerError

KERAS_BACKENDS = ("tensorflow", "jax", "torch")
TOKEN_MODELS = ("transformer", "lstm")


def read_options(workload: Dict[str, Any]) -> Tuple[str, bool, str]:
    """(Keras backend, jit_compile, device) from `external.options`, checked."""
    options = workload.get("options") or {}
    backend = options.get("backend", "tensorflow")
    if backend not in KERAS_BACKENDS:
        raise WorkerError("request", f"options.backend '{backend}' is not one of {', '.join(KERAS_BACKENDS)}")
    jit = options.get("jitCompile", True)
    if not isinstance(jit, bool):
        raise WorkerError("request", f"options.jitCompile must be true or false, not {jit!r}")
    return backend, jit, devices.requested(workload)


def prepare_environment(backend: str, count: int, device: str) -> None:
    """Everything the frameworks read at import: pinning and pool sizes, the backend, which devices are visible."""
    threads.apply(count)
    os.environ["KERAS_BACKEND"] = backend
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up banner is noise on stderr
    if device == "cpu":  # hide any GPU, or Keras would place the model on it by itself
        os.environ["CUDA_VISIBLE_DEVICES"] = ""
        if backend == "jax":
            os.environ["JAX_PLATFORMS"] = "cpu"
    if backend == "jax" and count == 1:  # XLA:CPU's Eigen pool ignores OMP_NUM_THREADS; pinning bounds the rest
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false").strip()


def import_keras(backend: str) -> Any:
    try:
        import keras
    except ImportError as missing:
        name = getattr(missing, "name", None) or str(missing)
        if name.split(".")[0] == "keras":
            raise WorkerError("unsupported", "Keras not installed: run scripts/install-python-workers.sh keras") from missing
        raise WorkerError("unsupported", f"the Keras backend '{backend}' needs {name}, which is not installed: "
                                         "run scripts/install-python-workers.sh") from missing
    if keras.backend.backend() != backend:
        raise WorkerError("failed", f"Keras loaded the '{keras.backend.backend()}' backend, not '{backend}': "
                                    "was keras imported before the worker set KERAS_BACKEND?")
    return keras


def limit_framework_threads(backend: str, count: int) -> None:
    """The framework's own intra-/inter-op pool sizes, set to `count` before it runs any operation."""
    try:
        if backend == "tensorflow":
            import tensorflow as tf
            tf.config.threading.set_intra_op_parallelism_threads(count)
            tf.config.threading.set_inter_op_parallelism_threads(count)
        elif backend == "torch":
            import torch
            torch.set_num_threads(count)
            torch.set_num_interop_threads(count)
    except RuntimeError as problem:  # both refuse once their runtime has started
        raise WorkerError("failed", f"could not size the {backend} thread pools to {count}: {problem}")


def check_device(backend: str, device: str) -> None:
    if device != "cuda":
        return
    if backend == "tensorflow":
        import tensorflow as tf
        found = bool(tf.config.list_physical_devices("GPU"))
    elif backend == "jax":
        import jax
        found = jax.default_backend() == "gpu"
    else:
        import torch
        found = torch.cuda.is_available()
    if not found:
        raise WorkerError("unsupported", f"options.device is cuda but Keras's {backend} backend sees no CUDA GPU")


class KerasBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        backend, jit, device = read_options(workload)
        prepare_environment(backend, workload["threads"], device)
        keras = import_keras(backend)
        limit_framework_threads(backend, workload["threads"])
        check_device(backend, device)
        from . import keras_models, keras_optimizers  # they import Keras: only now that its backend is chosen
        self.keras, self.backend, self.device = keras, backend, device
        self.tokens = workload["model"]["kind"] in TOKEN_MODELS
        self.model = keras_models.build(workload, handoff.weights)
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # mean over the batch
        # Infer tasks carry no optimizer: compile only fixes jit_compile for predict_on_batch (Keras's default
        # optimizer is created but never built or used).
        optimizer = keras_optimizers.build(workload["optimizer"], keras) if workload.get("optimizer") else "sgd"
        self.model.compile(optimizer=optimizer, loss=loss, jit_compile=jit)
        if self.model.jit_compile != jit:
            raise WorkerError("unsupported", f"Keras turned jit_compile={jit} into {self.model.jit_compile} for this "
                                             f"model on the {backend} backend")

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        """Backend tensors on the model's device, made before the timer starts (Keras would convert numpy inside)."""
        data = inputs.astype(np.int32) if self.tokens else inputs.astype(np.float32)
        convert = self.keras.ops.convert_to_tensor
        return convert(data), convert(labels.astype(np.int32))

    def synchronise(self) -> None:
        """Waits for work the returned numbers do not depend on: the weight updates."""
        if self.backend == "jax":  # asynchronous dispatch: op by op without jit, so wait on every variable
            import jax
            jax.block_until_ready([variable.value for variable in self.model.variables + self.model.optimizer.variables])
        elif self.backend == "torch" and self.device == "cuda":
            import torch
            torch.cuda.synchronize()
        # tensorflow: the step is one tf.function call, which returns after all its ops (the updates) ran.

    def train_step(self, inputs: Any, labels: Any) -> float:
        """Timed: `model.train_on_batch(x, y)` (forward, loss, gradients, optimizer update; it returns the loss as a
        numpy float, which waits for it), then `synchronise`."""
        loss = self.model.train_on_batch(inputs, labels)
        self.synchronise()
        return float(loss)

    def predict(self, inputs: Any) -> np.ndarray:
        return np.asarray(self.model.predict_on_batch(inputs))

    def infer(self, inputs: Any) -> None:
        """Timed: `model.predict_on_batch(x)`: the compiled predict function (jit_compile honoured, no autograd),
        its output copied to numpy, which waits for it."""
        self.model.predict_on_batch(inputs)
