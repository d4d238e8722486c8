"""TensorFlow backend on raw tf.Variables: op by op under GradientTape (`mode: eager`), the whole step in one
`tf.function` (`mode: function`), or that function compiled by XLA (`mode: xla`, `jit_compile=True`).

Import this module only after `threads.apply` (dlbench_tensorflow/__main__.py does): the CPU pinning and pool
variables must be in place before TensorFlow loads its thread pools.
"""
from __future__ import annotations

import os
import sys
import tempfile
from typing import Any, Callable, Dict, Tuple

import numpy as np

from . import devices
from .handoff import HandOff
from .wire import WorkerError

# Printed by TensorFlow's libraries at load through absl, whatever TF_CPP_MIN_LOG_LEVEL says (TF 2.21).
LOAD_BANNERS = ("All log messages before absl::InitializeLog()", "oneDNN custom operations are on")


def import_tensorflow() -> Any:
    """`import tensorflow` with its load-time banners dropped from standard error (every other line is kept), so
    the tail the parent quotes on a failure is the worker's own."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as captured:
        os.dup2(captured.fileno(), 2)
        try:
            import tensorflow
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            kept = [line for line in captured.read().decode(errors="replace").splitlines(keepends=True)
                    if not any(banner in line for banner in LOAD_BANNERS)]
            sys.stderr.write("".join(kept))
            sys.stderr.flush()
    return tensorflow


try:
    tf = import_tensorflow()
except ImportError as missing:  # the parent records this as a skip with the reason
    raise WorkerError("unsupported", "TensorFlow not installed: run scripts/install-python-workers.sh") from missing

from . import tensorflow_models, tensorflow_optimizers

MODES = ("eager", "function", "xla")
TOKEN_MODELS = ("transformer", "lstm")


def configure_threads(threads: int) -> None:
    """TensorFlow's own pools, sized before the first op creates the runtime (later calls raise RuntimeError)."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    except RuntimeError as problem:
        raise WorkerError("failed", f"TensorFlow started before its threads were set: {problem}") from problem


def device_name(workload: Dict[str, Any]) -> str:
    """'/CPU:0', or '/GPU:0' when `options.device` is cuda and TensorFlow sees a GPU (else the case is skipped)."""
    if devices.requested(workload) == "cpu":
        return "/CPU:0"
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        raise WorkerError("unsupported", "TensorFlow sees no GPU (tensorflow-cpu, or no CUDA driver): "
                                         "install tensorflow[and-cuda] on a CUDA machine for device cuda")
    for gpu in gpus:  # take memory as needed rather than all of it up front
        tf.config.experimental.set_memory_growth(gpu, True)
    # TensorFlow uses TF32 for float32 matmuls and convolutions on Ampere and later by default; dlbench computes in
    # IEEE float32, and TF32's 10-bit mantissa alone can move the losses past the agreement tolerance.
    tf.config.experimental.enable_tensor_float_32_execution(False)
    return "/GPU:0"


def compiled(function: Callable[..., Any], mode: str, signature: list) -> Callable[..., Any]:
    """The function as the mode runs it; a batch dimension of None traces once for every batch size (XLA still
    compiles once per concrete shape, on first use)."""
    if mode == "eager":
        return function
    return tf.function(function, input_signature=signature, jit_compile=(mode == "xla"))


class TensorFlowBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        configure_threads(workload["threads"])
        options = workload.get("options") or {}
        mode = options.get("mode", "eager")
        if mode not in MODES:
            raise WorkerError("request", f"options.mode '{mode}' is not one of {', '.join(MODES)}")
        model = workload["model"]
        if model["kind"] not in tensorflow_models.BUILDERS:
            raise WorkerError("unsupported", f"the TensorFlow worker has no {model['kind']} model")
        self.device = device_name(workload)
        self.on_gpu = self.device.startswith("/GPU")
        self.tokens = model["kind"] in TOKEN_MODELS
        expected, given = tensorflow_models.parameter_names(model), set(handoff.weights)
        if expected != given:
            raise WorkerError("failed", "the hand-off weights do not fit the TensorFlow model: missing "
                                        f"{sorted(expected - given)}, unexpected {sorted(given - expected)}")
        with tf.device(self.device):
            self.params = {name: tf.Variable(tensorflow_models.to_tensorflow_layout(name, values),
                                             name=name.replace(".", "_"))
                           for name, values in handoff.weights.items()}
        forward = tensorflow_models.build(model)
        inputs_spec = tf.TensorSpec([None] + list(workload["inputShape"]), tf.int32 if self.tokens else tf.float32)
        labels_spec = tf.TensorSpec([None], tf.int32)

        def logits(inputs: Any) -> Any:
            with tf.device(self.device):
                return forward(self.params, inputs)

        self.forward = compiled(logits, mode, [inputs_spec])
        if not workload.get("optimizer"):  # infer tasks: nothing is trained, no step to build
            return
        with tf.device(self.device):
            update = tensorflow_optimizers.make(workload["optimizer"], self.params)
        names, variables = list(self.params), list(self.params.values())

        def step(inputs: Any, labels: Any) -> Any:
            with tf.device(self.device), tf.GradientTape() as tape:
                loss = tensorflow_models.cross_entropy(forward(self.params, inputs), labels)
            with tf.device(self.device):
                gradients = tape.gradient(loss, variables)
                updates = update(self.params, dict(zip(names, gradients)))
                with tf.control_dependencies(updates):  # the loss returned is the one read after the update
                    return tf.identity(loss)

        self.step = compiled(step, mode, [inputs_spec, labels_spec])

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        data = inputs.astype(np.int32) if self.tokens else np.ascontiguousarray(inputs, dtype=np.float32)
        with tf.device(self.device):  # identity copies the host constant onto the device, outside the clock
            prepared = tf.identity(tf.constant(data)), tf.identity(tf.constant(labels.astype(np.int32)))
        self._synchronise()
        return prepared

    def _synchronise(self) -> None:
        """CPU ops have finished when they return; GPU kernels (the update after the loss) may still be queued."""
        if self.on_gpu:
            tf.test.experimental.sync_devices()

    def train_step(self, inputs: Any, labels: Any) -> float:
        loss = float(self.step(inputs, labels).numpy())
        self._synchronise()
        return loss

    def predict(self, inputs: Any) -> np.ndarray:
        return self.forward(inputs).numpy()

    def infer(self, inputs: Any) -> None:
        """One query: the forward pass (no tape), its logits read back, which waits for them."""
        self.forward(inputs).numpy()
        self._synchronise()
