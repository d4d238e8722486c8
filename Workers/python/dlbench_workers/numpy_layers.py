"""Forward/backward pairs in plain numpy (float32), the hand-written baseline: every backward is the textbook
vector-Jacobian product of its forward, with dlbench's (PyTorch's) definitions — see docs/external-engines.md.

Conventions: `x @ W.T + b` for Linear (W in PyTorch's [out, in] layout); images are NHWC inside the numpy worker
(one im2col GEMM per convolution with no transposes between stages). Constants are Python floats, so numpy's weak
scalar promotion keeps every result float32. Gradients land in preallocated arrays (`out=`) where that saves a copy.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Dict, Optional, Tuple

import numpy as np

GELU_SCALE = math.sqrt(2.0 / math.pi)  # a Python float, not np.float64: keeps float32 arithmetic
GELU_CUBIC = 0.044715


_ones = np.ones(0, np.float32)


def column_sums(rows: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Σ over the rows of a 2-D array into `out`, as a ones-vector GEMV: numpy's axis-0 sum walks the rows one by
    one and costs ~15× as much on the tall, narrow gradients of convolutions and biases."""
    global _ones
    if _ones.shape[0] < rows.shape[0]:
        _ones = np.ones(rows.shape[0], np.float32)
    return np.matmul(_ones[:rows.shape[0]], rows, out=out)


def linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """y = x·Wᵀ + b over the last axis; the bias is added in place (no second temporary)."""
    y = x @ weight.T
    y += bias
    return y


def linear_backward(dy: np.ndarray, x: np.ndarray, weight: np.ndarray, weight_grad: np.ndarray,
                    bias_grad: np.ndarray, needs_input_grad: bool = True) -> Optional[np.ndarray]:
    """Writes dW = dyᵀ·x and db = Σ dy into the given arrays; returns dx = dy·W (None when not needed)."""
    rows_dy = dy.reshape(-1, dy.shape[-1])
    rows_x = x.reshape(-1, x.shape[-1])
    np.matmul(rows_dy.T, rows_x, out=weight_grad)
    column_sums(rows_dy, bias_grad)
    if not needs_input_grad:
        return None
    return (rows_dy @ weight).reshape(*dy.shape[:-1], weight.shape[1])


# Activations. Each has `forward(x) → y` (inference; may overwrite x, a fresh pre-activation), `train(x) →
# (y, saved)` and `backward(dy, saved) → dx` (dy may be overwritten: it is never reused).
def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0, out=x)


def relu_backward(dy: np.ndarray, y: np.ndarray) -> np.ndarray:
    dy *= y > 0  # gradient 0 at 0, as PyTorch's threshold_backward
    return dy


def _tanh(x: np.ndarray) -> np.ndarray:
    return np.tanh(x, out=x)


def _tanh_backward(dy: np.ndarray, y: np.ndarray) -> np.ndarray:
    slope = y * y
    np.subtract(1.0, slope, out=slope)
    slope *= dy
    return slope


def sigmoid(x: np.ndarray) -> np.ndarray:
    y = np.negative(x, out=x)
    np.exp(y, out=y)
    y += 1.0
    return np.reciprocal(y, out=y)


def _sigmoid_backward(dy: np.ndarray, y: np.ndarray) -> np.ndarray:
    slope = 1.0 - y
    slope *= y
    slope *= dy
    return slope


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    """t = tanh(√(2/π)·(x + 0.044715·x³)), the one transcendental GELU's forward and backward share."""
    t = x * x
    t *= GELU_CUBIC
    t += 1.0
    t *= x
    t *= GELU_SCALE
    return np.tanh(t, out=t)


def gelu_train(x: np.ndarray) -> Tuple[np.ndarray, Tuple[np.ndarray, np.ndarray]]:
    """The tanh approximation 0.5·x·(1 + t), keeping (x, t) for the backward."""
    t = _gelu_tanh(x)
    y = t + 1.0
    y *= x
    y *= 0.5
    return y, (x, t)


def gelu(x: np.ndarray) -> np.ndarray:
    t = _gelu_tanh(x)
    t += 1.0
    t *= x
    t *= 0.5
    return t


def gelu_backward(dy: np.ndarray, saved: Tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """d/dx = 0.5·(1 + t) + x·(0.5·√(2/π) + 1.5·0.044715·√(2/π)·x²)·(1 − t²)."""
    x, t = saved
    slope = x * x
    slope *= 1.5 * GELU_CUBIC * GELU_SCALE
    slope += 0.5 * GELU_SCALE
    slope *= x
    scratch = t * t
    np.subtract(1.0, scratch, out=scratch)
    slope *= scratch
    slope += 0.5
    np.multiply(t, 0.5, out=scratch)
    slope += scratch
    slope *= dy
    return slope


def _keeps_output(forward: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], Tuple[np.ndarray, np.ndarray]]:
    def train(x: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        y = forward(x)
        return y, y
    return train


Activation = Tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], Tuple[np.ndarray, Any]],
                   Callable[[np.ndarray, Any], np.ndarray]]
ACTIVATIONS: Dict[str, Activation] = {  # name: (forward, train, backward)
    "relu": (relu, _keeps_output(relu), relu_backward),
    "tanh": (_tanh, _keeps_output(_tanh), _tanh_backward),
    "sigmoid": (sigmoid, _keeps_output(sigmoid), _sigmoid_backward),
    "gelu": (gelu, gelu_train, gelu_backward),
}


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> Tuple[float, np.ndarray]:
    """Mean softmax cross-entropy over integer labels and its gradient (softmax − one-hot) / batch."""
    batch = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    probabilities = np.exp(shifted)
    sums = probabilities.sum(axis=1, keepdims=True)
    rows = np.arange(batch)
    loss = float(np.mean(np.log(sums[:, 0]) - shifted[rows, labels]))
    probabilities /= sums
    probabilities[rows, labels] -= 1.0
    probabilities *= 1.0 / batch
    return loss, probabilities


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray,
               eps: float = 1e-5) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Biased-variance LayerNorm over the last axis → (y, x̂, 1/σ); x̂ and 1/σ are what the backward needs."""
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    inverse_std = 1.0 / np.sqrt(variance + eps)
    normalized = centred
    normalized *= inverse_std
    y = normalized * gamma
    y += beta
    return y, normalized, inverse_std


def layer_norm_backward(dy: np.ndarray, normalized: np.ndarray, inverse_std: np.ndarray, gamma: np.ndarray,
                        gamma_grad: np.ndarray, beta_grad: np.ndarray) -> np.ndarray:
    """dx = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)), dx̂ = dy·γ; writes dγ = Σ dy·x̂ and dβ = Σ dy."""
    rows_dy = dy.reshape(-1, dy.shape[-1])
    column_sums(rows_dy * normalized.reshape(rows_dy.shape), gamma_grad)
    column_sums(rows_dy, beta_grad)
    d_normalized = dy * gamma
    dx = d_normalized - d_normalized.mean(axis=-1, keepdims=True)
    dx -= normalized * np.mean(d_normalized * normalized, axis=-1, keepdims=True)
    dx *= inverse_std
    return dx
