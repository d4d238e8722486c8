"""JAX backend: the whole step under `jax.jit` (`mode: jit`) or op by op (`mode: eager`)."""
from __future__ import annotations

import os
from typing import Any, Dict, Tuple

import numpy as np

from .handoff import HandOff
from .wire import WorkerError


def _limit_threads(threads: int) -> None:
    """XLA reads its flags at import; pinning to `threads` CPUs is the one limit XLA:CPU always honours."""
    if threads == 1:
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false "
                                   "intra_op_parallelism_threads=1").strip()
    try:
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, available[:threads])
    except (AttributeError, OSError):
        pass


class JaxBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        _limit_threads(workload["threads"])
        try:
            import jax
            import jax.numpy as jnp
        except ImportError as missing:
            raise WorkerError("unsupported", "JAX not installed: run scripts/install-python-workers.sh") from missing
        from . import jax_models, jax_optimizers
        options = workload.get("options") or {}
        mode = options.get("mode", "jit")
        if mode not in ("jit", "eager"):
            raise WorkerError("request", f"options.mode '{mode}' is not 'jit' or 'eager'")
        if workload["model"]["kind"] not in ("mlp", "cnn", "transformer"):
            raise WorkerError("unsupported", f"the JAX worker has no {workload['model']['kind']} model yet")
        self.jax, self.jnp = jax, jnp
        self.tokens = workload["model"]["kind"] == "transformer"
        forward = jax_models.build(workload["model"])
        self.params = {name: jnp.asarray(values) for name, values in handoff.weights.items()}
        self.forward = jax.jit(forward) if mode == "jit" else forward
        if not workload.get("optimizer"):  # infer tasks: nothing is trained, no step to build
            return
        update, state = jax_optimizers.make(workload["optimizer"], handoff.weights)
        self.state = state

        def step(params: Any, state: Any, inputs: Any, labels: Any) -> Tuple[Any, Any, Any]:
            loss, gradients = jax.value_and_grad(lambda p: jax_models.cross_entropy(forward(p, inputs), labels))(params)
            params, state = update(params, gradients, state)
            return params, state, loss

        self.step = jax.jit(step) if mode == "jit" else step

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        data = inputs.astype(np.int32) if self.tokens else inputs
        return self.jnp.asarray(data), self.jnp.asarray(labels.astype(np.int32))

    def train_step(self, inputs: Any, labels: Any) -> float:
        self.params, self.state, loss = self.step(self.params, self.state, inputs, labels)
        self.jax.block_until_ready((self.params, self.state))  # the update is part of the step
        return float(loss)

    def predict(self, inputs: Any) -> np.ndarray:
        return np.asarray(self.forward(self.params, inputs))

    def infer(self, inputs: Any) -> None:
        """One query: the forward pass, waited for (JAX dispatches asynchronously)."""
        self.jax.block_until_ready(self.forward(self.params, inputs))
