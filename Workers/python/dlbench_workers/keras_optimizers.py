"""dlbench's optimizer spec as Keras 3 optimizers, checked against dlbench's (PyTorch's) conventions.

- SGD: Keras keeps m ← μm − lr·g, p ← p + m (Nesterov: p ← p + μm − lr·g). With a constant learning rate that is
  PyTorch's v ← μv + g, p ← p − lr·v with m = −lr·v: the built-in matches exactly.
- Adam/AdamW: Keras folds the bias corrections into the step, p ← p − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε), which is
  PyTorch's p ← p − lr/(1−β₁ᵗ) · m/(√(v/(1−β₂ᵗ)) + ε) with ε replaced by ε/√(1−β₂ᵗ) ("epsilon hat"; 31.6·ε at
  step 1 for β₂ = 0.999, tending to ε). The built-in is used as it is: against dlbench eager the loss stays far
  inside the agreement tolerance (docs/external-engines.md, "Keras").
- Weight decay: Keras's `weight_decay` is decoupled (p ← p − lr·λ·p before the update). That is PyTorch's AdamW,
  so AdamW uses it; PyTorch's SGD and Adam add λ·p to the gradient instead (L2), which `CoupledL2` does.
- Sparse gradients (TensorFlow backend only): an Embedding's gradient reaches the optimizer as `tf.IndexedSlices`
  with one row per token occurrence, and Keras's Adam squares those rows before they are summed, so v gets
  Σ g² where PyTorch's dense gradient gives (Σ g)². That broke agreement on an LSTM (0.0022 at step 9 with
  lr 0.01), so on TensorFlow Adam/AdamW get their gradients made dense first (`DenseGradients`). SGD is linear
  in g, so its sparse update already sums as PyTorch's does and keeps Keras's own path.
"""
from __future__ import annotations

from typing import Any, Dict

from .wire import WorkerError


def coupled_l2(base: type, keras: Any) -> type:
    """`base` with PyTorch's coupled weight decay: g ← g + λ·p before Keras's own update of p."""

    class CoupledL2(base):  # type: ignore[misc, valid-type]
        def __init__(self, l2: float, **options: Any) -> None:
            super().__init__(**options)
            self.l2 = l2

        def apply(self, grads: Any, trainable_variables: Any = None) -> Any:
            variables = self._trainable_variables if trainable_variables is None else list(trainable_variables)
            decayed = [gradient if gradient is None else
                       keras.ops.add(gradient, keras.ops.multiply(keras.ops.cast(self.l2, variable.dtype), variable))
                       for gradient, variable in zip(grads, variables)]
            return super().apply(decayed, trainable_variables)

    CoupledL2.__name__ = f"{base.__name__}CoupledL2"
    return CoupledL2


def dense_gradients(base: type) -> type:
    """`base` fed dense gradients: `tf.IndexedSlices` become tensors (duplicate rows summed) before the update."""
    import tensorflow as tf

    class DenseGradients(base):  # type: ignore[misc, valid-type]
        def apply(self, grads: Any, trainable_variables: Any = None) -> Any:
            dense = [tf.convert_to_tensor(gradient) if isinstance(gradient, tf.IndexedSlices) else gradient
                     for gradient in grads]
            return super().apply(dense, trainable_variables)

    DenseGradients.__name__ = f"{base.__name__}DenseGradients"
    return DenseGradients


def build(spec: Dict[str, Any], keras: Any) -> Any:
    """The Keras optimizer for `workload["optimizer"]`."""
    kind, rate, decay = spec["kind"], spec["learningRate"], spec.get("weightDecay") or 0.0
    if kind == "sgd":
        base, options = keras.optimizers.SGD, {"momentum": spec["momentum"], "nesterov": spec["nesterov"]}
    elif kind in ("adam", "adamw"):
        base = keras.optimizers.AdamW if kind == "adamw" else keras.optimizers.Adam
        options = {"beta_1": spec["beta1"], "beta_2": spec["beta2"], "epsilon": spec["epsilon"]}
        if kind == "adamw":  # Keras's default decay is 0.004: always pass dlbench's own (0 included)
            options["weight_decay"] = decay
    else:
        raise WorkerError("unsupported", f"the Keras worker has no '{kind}' optimizer (sgd, adam and adamw are)")
    if kind != "sgd" and keras.backend.backend() == "tensorflow":
        base = dense_gradients(base)
    if decay and kind != "adamw":
        return coupled_l2(base, keras)(decay, learning_rate=rate, **options)
    return base(learning_rate=rate, **options)
