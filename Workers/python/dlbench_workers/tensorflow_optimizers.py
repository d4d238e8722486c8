"""SGD (momentum, Nesterov, weight decay) and Adam/AdamW with dlbench's (PyTorch's) conventions, on tf.Variables.

Written by hand rather than taken from Keras: Keras' SGD scales its velocity by the learning rate and its Adam folds
ε into a differently corrected denominator, which drifts from dlbench's losses. The formulas are jax_optimizers.py's
(PyTorch's), as in-place `assign`s, so the same code runs op by op, in a tf.function and under XLA.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List

import tensorflow as tf

Update = Callable[[Dict[str, Any], Dict[str, Any]], List[Any]]


def dense(gradient: Any) -> Any:
    """Embedding lookups give IndexedSlices; PyTorch's optimizers see a dense gradient (zeros for unused rows, whose
    Adam moments still decay), so the update must too."""
    return tf.convert_to_tensor(gradient) if isinstance(gradient, tf.IndexedSlices) else gradient


def _zeros_like(params: Dict[str, tf.Variable], tag: str) -> Dict[str, tf.Variable]:
    return {name: tf.Variable(tf.zeros_like(p), trainable=False, name=f"{tag}.{name}".replace(".", "_"))
            for name, p in params.items()}


def make(spec: Dict[str, Any], params: Dict[str, tf.Variable]) -> Update:
    """update(params, gradients) → the assign ops of one optimizer step (state lives in variables created here)."""
    rate, decay = spec["learningRate"], spec["weightDecay"]
    if spec["kind"] == "sgd":
        momentum, nesterov = spec["momentum"], spec["nesterov"]
        velocity = _zeros_like(params, "velocity") if momentum else {}

        def sgd(params: Dict[str, Any], gradients: Dict[str, Any]) -> List[Any]:
            updates = []
            for name, p in params.items():
                g = dense(gradients[name])
                if decay:
                    g = g + decay * p
                if momentum:
                    # PyTorch starts the velocity at the first gradient; v = μ·0 + g gives the same.
                    v = velocity[name].assign(momentum * velocity[name] + g)
                    g = g + momentum * v if nesterov else v
                updates.append(p.assign_sub(rate * g))
            return updates
        return sgd

    if spec["kind"] not in ("adam", "adamw"):
        raise ValueError(f"optimizer kind '{spec['kind']}'")
    beta1, beta2, epsilon = spec["beta1"], spec["beta2"], spec["epsilon"]
    decoupled = spec["kind"] == "adamw"
    first, second = _zeros_like(params, "m"), _zeros_like(params, "v")
    step = tf.Variable(0, dtype=tf.int64, trainable=False, name="adam_step")

    def adam(params: Dict[str, Any], gradients: Dict[str, Any]) -> List[Any]:
        count = tf.cast(step.assign_add(1), tf.float64)  # bias corrections in double, as PyTorch's Python floats
        step_size = tf.cast(rate / (1 - beta1 ** count), tf.float32)
        root_correction2 = tf.cast(tf.sqrt(1 - beta2 ** count), tf.float32)
        updates = []
        for name, p in params.items():
            g = dense(gradients[name])
            if decay and decoupled:
                p.assign(p * (1 - rate * decay))
            elif decay:
                g = g + decay * p
            m = first[name].assign(beta1 * first[name] + (1 - beta1) * g)
            v = second[name].assign(beta2 * second[name] + (1 - beta2) * tf.square(g))
            # torch.optim.Adam: p −= (lr / c1) · m / (√v / √c2 + ε)
            updates.append(p.assign_sub(step_size * m / (tf.sqrt(v) / root_correction2 + epsilon)))
        return updates
    return adam
