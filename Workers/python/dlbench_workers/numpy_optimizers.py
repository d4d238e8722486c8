"""SGD (momentum, Nesterov, weight decay) and Adam/AdamW with dlbench's (PyTorch's single-tensor) formulas,
updating numpy parameters in place with preallocated state and scratch (no allocation per step)."""
from __future__ import annotations

import math
from typing import Any, Dict

import numpy as np

from .wire import WorkerError

Arrays = Dict[str, np.ndarray]


class SGD:
    """g ← g + λp; v ← μv + g (v starts at 0, so the first v is g, as PyTorch's buffer); p ← p − lr·v
    (Nesterov: p ← p − lr·(g + μv))."""

    def __init__(self, spec: Dict[str, Any], parameters: Arrays) -> None:
        self.rate, self.momentum, self.decay = spec["learningRate"], spec["momentum"], spec["weightDecay"]
        self.nesterov = spec["nesterov"]
        self.velocity = {name: np.zeros_like(value) for name, value in parameters.items()} if self.momentum else {}

    def step(self, parameters: Arrays, gradients: Arrays) -> None:
        for name, parameter in parameters.items():
            gradient = gradients[name]  # overwritten by the next backward: safe to modify in place
            if self.decay:
                gradient += self.decay * parameter
            if self.momentum:
                velocity = self.velocity[name]
                velocity *= self.momentum
                velocity += gradient
                if self.nesterov:
                    gradient += self.momentum * velocity
                else:
                    gradient = velocity
            parameter -= self.rate * gradient


class Adam:
    """m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + ε);
    Adam adds λp to g, AdamW multiplies p by (1 − lr·λ) first."""

    def __init__(self, spec: Dict[str, Any], parameters: Arrays) -> None:
        self.rate, self.decay, self.epsilon = spec["learningRate"], spec["weightDecay"], spec["epsilon"]
        self.beta1, self.beta2 = spec["beta1"], spec["beta2"]
        self.decoupled = spec["kind"] == "adamw"
        self.first = {name: np.zeros_like(value) for name, value in parameters.items()}
        self.second = {name: np.zeros_like(value) for name, value in parameters.items()}
        self.scratch = {name: np.zeros_like(value) for name, value in parameters.items()}
        self.steps = 0

    def step(self, parameters: Arrays, gradients: Arrays) -> None:
        self.steps += 1
        step_size = self.rate / (1.0 - self.beta1 ** self.steps)
        correction2_sqrt = math.sqrt(1.0 - self.beta2 ** self.steps)
        for name, parameter in parameters.items():
            gradient, first, second, denominator = gradients[name], self.first[name], self.second[name], self.scratch[name]
            if self.decay and self.decoupled:
                parameter *= 1.0 - self.rate * self.decay
            elif self.decay:
                gradient += self.decay * parameter
            first *= self.beta1
            first += (1.0 - self.beta1) * gradient
            second *= self.beta2
            np.multiply(gradient, gradient, out=denominator)
            denominator *= 1.0 - self.beta2
            second += denominator
            np.sqrt(second, out=denominator)
            denominator /= correction2_sqrt
            denominator += self.epsilon
            np.divide(first, denominator, out=denominator)
            denominator *= step_size
            parameter -= denominator


def make(spec: Dict[str, Any], parameters: Arrays):
    """The optimizer of the workload's spec over the model's parameters."""
    if spec["kind"] == "sgd":
        return SGD(spec, parameters)
    if spec["kind"] in ("adam", "adamw"):
        return Adam(spec, parameters)
    raise WorkerError("unsupported", f"the numpy worker has no '{spec['kind']}' optimizer")
