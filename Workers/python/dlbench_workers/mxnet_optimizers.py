"""SGD (momentum, Nesterov, weight decay) and Adam/AdamW with dlbench's (PyTorch's) conventions, on MXNet NDArrays.

Written by hand, with jax_optimizers.py's formulas, rather than through `mx.optimizer`: MXNet 1.9 has no AdamW
optimizer, its Adam puts ε beside the uncorrected √v (the bias correction moved into the learning rate, so ε is
scaled differently from PyTorch's), its SGD folds the learning rate into the velocity, and Nesterov is a separate
class (NAG). Every update is in place (`[:] =`), so the parameters keep their buffers — which
`hybridize(static_alloc=True)` has bound into its cached graph.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List

from mxnet import nd


def make(spec: Dict[str, Any], parameters: List[Any]) -> Callable[[], None]:
    """`update()`: one optimizer step on every Gluon parameter, from the gradients of the last `backward()`."""
    tensors = [(parameter.data(), parameter.grad()) for parameter in parameters]
    rate, decay = spec["learningRate"], spec["weightDecay"]
    if spec["kind"] == "sgd":
        momentum, nesterov = spec["momentum"], spec["nesterov"]
        velocities = [nd.zeros_like(weight) for weight, _ in tensors]

        def sgd() -> None:
            for (weight, gradient), velocity in zip(tensors, velocities):
                g = gradient + decay * weight if decay else gradient
                if momentum == 0:
                    weight[:] = weight - rate * g
                    continue
                # PyTorch starts the velocity at the first gradient; v = μ·0 + g gives the same.
                velocity[:] = momentum * velocity + g
                weight[:] = weight - rate * (g + momentum * velocity if nesterov else velocity)
        return sgd

    beta1, beta2, epsilon = spec["beta1"], spec["beta2"], spec["epsilon"]
    decoupled = spec["kind"] == "adamw"
    first = [nd.zeros_like(weight) for weight, _ in tensors]
    second = [nd.zeros_like(weight) for weight, _ in tensors]
    steps = [0]

    def adam() -> None:
        steps[0] += 1
        correction1, correction2 = 1 - beta1 ** steps[0], 1 - beta2 ** steps[0]
        for (weight, gradient), m, v in zip(tensors, first, second):
            g = gradient
            if decay and decoupled:
                weight[:] = weight * (1 - rate * decay)
            elif decay:
                g = g + decay * weight
            m[:] = beta1 * m + (1 - beta1) * g
            v[:] = beta2 * v + (1 - beta2) * g * g
            weight[:] = weight - (rate / correction1) * m / (nd.sqrt(v / correction2) + epsilon)
    return adam
