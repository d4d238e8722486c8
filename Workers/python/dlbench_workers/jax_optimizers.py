"""SGD (momentum, Nesterov, weight decay) and Adam/AdamW with dlbench's (PyTorch's) conventions, on dicts."""
from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

import jax.numpy as jnp
import numpy as np

State = Dict[str, Any]


def make(spec: Dict[str, Any], weights: Dict[str, np.ndarray]) -> Tuple[Callable[..., Tuple[Any, State]], State]:
    """(update(params, gradients, state) -> (params, state), initial state)."""
    rate, decay = spec["learningRate"], spec["weightDecay"]
    zeros = {name: jnp.zeros(values.shape, jnp.float32) for name, values in weights.items()}
    if spec["kind"] == "sgd":
        momentum, nesterov = spec["momentum"], spec["nesterov"]

        def sgd(params: Any, gradients: Any, state: State) -> Tuple[Any, State]:
            new_params, velocities = {}, {}
            for name, p in params.items():
                g = gradients[name] + decay * p if decay else gradients[name]
                if momentum == 0:
                    new_params[name] = p - rate * g
                    continue
                # PyTorch starts the velocity at the first gradient; v = μ·0 + g gives the same.
                v = momentum * state["velocity"][name] + g
                velocities[name] = v
                new_params[name] = p - rate * (g + momentum * v if nesterov else v)
            return new_params, ({"velocity": velocities} if momentum else state)
        return sgd, ({"velocity": zeros} if momentum else {})

    beta1, beta2, epsilon = spec["beta1"], spec["beta2"], spec["epsilon"]
    decoupled = spec["kind"] == "adamw"

    def adam(params: Any, gradients: Any, state: State) -> Tuple[Any, State]:
        step = state["step"] + 1
        correction1, correction2 = 1 - beta1 ** step, 1 - beta2 ** step
        new_params, first, second = {}, {}, {}
        for name, p in params.items():
            g = gradients[name]
            if decay and decoupled:
                p = p * (1 - rate * decay)
            elif decay:
                g = g + decay * p
            m = beta1 * state["m"][name] + (1 - beta1) * g
            v = beta2 * state["v"][name] + (1 - beta2) * g * g
            first[name], second[name] = m, v
            new_params[name] = p - (rate / correction1) * m / (jnp.sqrt(v / correction2) + epsilon)
        return new_params, {"step": step, "m": first, "v": second}
    return adam, {"step": jnp.zeros((), jnp.float32), "m": zeros, "v": dict(zeros)}
