"""numpy backend: forward, hand-written backward and optimizer in plain numpy (float32), one mode (`eager`), CPU.

The minimal baseline for a small network: no autograd, no graph, no compiler — what a batch-1 latency is judged
against. numpy's only thread pool is its BLAS (OpenBLAS), sized by `threads.apply` before numpy was imported
(dlbench_numpy/__main__.py); elementwise work is single-threaded, as numpy's always is.
"""
from __future__ import annotations

from typing import Any, Dict, Tuple

import numpy as np

from . import devices, numpy_models, numpy_optimizers
from .handoff import HandOff
from .wire import WorkerError

MODES = ("eager",)


class NumpyBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        mode = (workload.get("options") or {}).get("mode", "eager")
        if mode not in MODES:
            raise WorkerError("request", f"options.mode '{mode}' is not 'eager' (the numpy worker has one mode)")
        if devices.requested(workload) != "cpu":
            raise WorkerError("unsupported", "numpy runs on the CPU only: use options.device 'cpu' for the numpy engine")
        kind = workload["model"]["kind"]
        self.tokens = kind in ("transformer", "lstm")
        self.model = numpy_models.build(workload, handoff.weights)
        # Infer tasks carry no optimizer: nothing is trained.
        spec = workload.get("optimizer")
        self.optimizer = numpy_optimizers.make(spec, self.model.parameters) if spec else None

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """Contiguous float32 inputs (integer ids for token models) and integer labels, before the clock starts."""
        data = inputs.astype(np.intp) if self.tokens else np.ascontiguousarray(inputs, dtype=np.float32)
        return data, labels.astype(np.intp)

    def train_step(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        """Forward, backward into the preallocated gradients, in-place update; numpy is synchronous."""
        loss = self.model.loss_and_gradients(inputs, labels)
        self.optimizer.step(self.model.parameters, self.model.gradients)
        return loss

    def predict(self, inputs: np.ndarray) -> np.ndarray:
        return self.model.forward(inputs)

    def infer(self, inputs: np.ndarray) -> None:
        """One query: the forward pass only (no saved activations); it has finished when it returns."""
        self.model.forward(inputs)
