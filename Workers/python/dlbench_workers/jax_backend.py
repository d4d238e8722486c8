"""JAX backend: the whole step under `jax.jit` (`mode: jit`) or op by op (`mode: eager`), on the CPU or on a CUDA
GPU (`device: cuda`).

Everything that fixes JAX's thread pools happens before `import jax`: dlbench's thread policy (`threads.apply`
pins the process to N CPUs, which XLA:CPU sizes its pool from), then XLA's flags (read once, at import).
"""
from __future__ import annotations

import os
from typing import Any, Dict, Tuple

import numpy as np

from . import devices, threads
from .handoff import HandOff
from .wire import WorkerError

MODEL_KINDS = ("mlp", "cnn", "transformer", "lstm", "bert")
TOKEN_MODELS = ("transformer", "lstm", "bert")  # inputs are token ids, sent as floats


def set_xla_flags(count: int, device: str) -> None:
    """One thread: Eigen's multi-threaded kernels off (XLA:CPU would otherwise still hand work to its pool).
    A CPU case: JAX may only see the CPU, so a CUDA jaxlib neither initialises nor reserves the GPU."""
    if count == 1:
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false").strip()
    if device == "cpu":
        os.environ.setdefault("JAX_PLATFORMS", "cpu")


def import_jax() -> Tuple[Any, Any]:
    try:
        import jax
        import jax.numpy as jnp
    except ImportError as missing:
        raise WorkerError("unsupported", "JAX not installed: run scripts/install-python-workers.sh") from missing
    return jax, jnp


def target_device(jax: Any, device: str) -> Any:
    """The one device weights, optimizer state and batches are put on."""
    if device == "cpu":
        return jax.devices("cpu")[0]
    try:
        return jax.devices("gpu")[0]
    except RuntimeError as missing:
        raise WorkerError("unsupported", f"options.device 'cuda' but JAX {jax.__version__} sees no GPU "
                                         f"({' '.join(str(missing).split())[:160]}): install jax[cuda12] on a "
                                         "machine with an NVIDIA GPU") from missing


class JaxBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        threads.apply(workload["threads"])  # first: before jaxlib loads
        options = workload.get("options") or {}
        mode = options.get("mode", "jit")
        if mode not in ("jit", "eager"):
            raise WorkerError("request", f"options.mode '{mode}' is not 'jit' or 'eager'")
        kind = workload["model"]["kind"]
        if kind not in MODEL_KINDS:
            raise WorkerError("unsupported", f"the JAX worker has no {kind} model")
        requested = devices.requested(workload)
        set_xla_flags(workload["threads"], requested)
        jax, jnp = self.jax, self.jnp = import_jax()
        from . import jax_models, jax_optimizers
        self.device = target_device(jax, requested)
        if requested == "cuda":
            # XLA:GPU runs float32 dots and convolutions in TF32 by default on Ampere and later; dlbench computes
            # in IEEE float32, and TF32 alone can move the losses by more than the agreement tolerance.
            jax.config.update("jax_default_matmul_precision", "highest")
        self.tokens = kind in TOKEN_MODELS
        forward = jax_models.build(workload["model"], compiled=mode == "jit")
        self.params = jax.device_put({name: np.asarray(values) for name, values in handoff.weights.items()},
                                     self.device)
        self.forward = jax.jit(forward) if mode == "jit" else forward
        if not workload.get("optimizer"):  # infer tasks: nothing is trained, no step to build
            return
        with jax.default_device(self.device):  # the optimizer's zeros beside the weights
            update, state = jax_optimizers.make(workload["optimizer"], handoff.weights)
        self.state = jax.device_put(state, self.device)

        def step(params: Any, state: Any, inputs: Any, labels: Any) -> Tuple[Any, Any, Any]:
            loss, gradients = jax.value_and_grad(lambda p: jax_models.cross_entropy(forward(p, inputs), labels))(params)
            params, state = update(params, gradients, state)
            return params, state, loss

        self.step = jax.jit(step) if mode == "jit" else step

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        """numpy → device arrays, transferred (and waited for) before the timer starts."""
        data = inputs.astype(np.int32) if self.tokens else inputs
        prepared = self.jax.device_put((data, labels.astype(np.int32)), self.device)
        return self.jax.block_until_ready(prepared)

    def train_step(self, inputs: Any, labels: Any) -> float:
        self.params, self.state, loss = self.step(self.params, self.state, inputs, labels)
        self.jax.block_until_ready((self.params, self.state))  # the update is part of the step
        return float(loss)

    def predict(self, inputs: Any) -> np.ndarray:
        return np.asarray(self.forward(self.params, inputs))

    def infer(self, inputs: Any) -> None:
        """One query: the forward pass, waited for (JAX dispatches asynchronously)."""
        self.jax.block_until_ready(self.forward(self.params, inputs))
