"""PyTorch backend: eager (`mode: eager`) or `torch.compile` (`mode: compile`, `compileMode` passed on)."""
from __future__ import annotations

from typing import Any, Dict, Tuple

import numpy as np

from .handoff import HandOff
from .wire import WorkerError

try:
    import torch
    import torch.nn.functional as F
except ImportError as missing:  # the parent records this as a skip with the reason
    raise WorkerError("unsupported", "PyTorch not installed: run scripts/install-python-workers.sh") from missing

from . import torch_models


def optimizer(parameters: Any, spec: Dict[str, Any]) -> "torch.optim.Optimizer":
    """dlbench's optimizers follow PyTorch's conventions, so the built-in ones match them exactly."""
    if spec["kind"] == "sgd":
        return torch.optim.SGD(parameters, lr=spec["learningRate"], momentum=spec["momentum"],
                               nesterov=spec["nesterov"], weight_decay=spec["weightDecay"])
    betas = (spec["beta1"], spec["beta2"])
    kind = torch.optim.AdamW if spec["kind"] == "adamw" else torch.optim.Adam
    return kind(parameters, lr=spec["learningRate"], betas=betas, eps=spec["epsilon"], weight_decay=spec["weightDecay"])


class TorchBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        options = workload.get("options") or {}
        mode = options.get("mode", "eager")
        if mode not in ("eager", "compile"):
            raise WorkerError("request", f"options.mode '{mode}' is not 'eager' or 'compile'")
        if workload["model"]["kind"] not in ("mlp", "cnn", "transformer"):
            raise WorkerError("unsupported", f"the PyTorch worker has no {workload['model']['kind']} model yet")
        torch.set_num_threads(workload["threads"])
        self.tokens = workload["model"]["kind"] == "transformer"
        self.model = torch_models.build(workload, handoff.weights)
        state = {name: torch.from_numpy(values) for name, values in handoff.weights.items()}
        try:
            self.model.load_state_dict(state, strict=True)
        except RuntimeError as problem:
            raise WorkerError("failed", f"the hand-off weights do not fit the PyTorch model: {problem}")
        # Infer tasks carry no optimizer: nothing is trained.
        self.optimizer = optimizer(self.model.parameters(), workload["optimizer"]) if workload.get("optimizer") else None
        self.forward = self.model
        if mode == "compile":
            self.forward = torch.compile(self.model, mode=options.get("compileMode", "default"))

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        tensor = torch.from_numpy(inputs)
        return (tensor.long() if self.tokens else tensor), torch.from_numpy(labels)

    def train_step(self, inputs: Any, labels: Any) -> float:
        self.optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.forward(inputs), labels)
        loss.backward()
        self.optimizer.step()
        return float(loss.item())

    def predict(self, inputs: Any) -> np.ndarray:
        with torch.no_grad():
            return self.forward(inputs).numpy()

    def infer(self, inputs: Any) -> None:
        """One query: a forward pass without autograd; CPU kernels have finished when it returns."""
        with torch.no_grad():
            self.forward(inputs)
