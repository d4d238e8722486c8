"""dlbench's model families as raw TensorFlow functions over a dict of tf.Variables (no Keras layers).

The weights keep dlbench's names and PyTorch's layout (Linear weights [outputs, inputs], multiplied with
`transpose_b`), except convolution kernels: TensorFlow's CPU convolution wants NHWC activations and HWIO kernels,
so `to_tensorflow_layout` turns OIHW into HWIO once at load, and the CNN transposes its NCHW input once at the start
and back to NCHW before flattening, so the classifier's columns keep PyTorch's (C, H, W) order. Definitions side
by side in docs/external-engines.md.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Dict

import numpy as np
import tensorflow as tf

Parameters = Dict[str, Any]

ACTIVATIONS: Dict[str, Callable[[Any], Any]] = {
    "relu": tf.nn.relu,
    "tanh": tf.tanh,
    "sigmoid": tf.sigmoid,
    "gelu": lambda x: tf.nn.gelu(x, approximate=True),  # dlbench's GELU is the tanh approximation
}


def to_tensorflow_layout(name: str, values: np.ndarray) -> np.ndarray:
    """The hand-off tensor as this worker stores it: 4-D convolution kernels OIHW → HWIO, the rest unchanged."""
    if name.endswith(".conv.weight") and values.ndim == 4:
        return np.ascontiguousarray(values.transpose(2, 3, 1, 0))
    return values


def linear(params: Parameters, name: str, x: Any) -> Any:
    """y = x·Wᵀ + b with W [outputs, inputs] as PyTorch stores it; works on any leading dimensions."""
    weight, bias = params[f"{name}.weight"], params[f"{name}.bias"]
    if len(x.shape) == 2:
        return tf.matmul(x, weight, transpose_b=True) + bias
    return tf.tensordot(x, weight, axes=[[len(x.shape) - 1], [1]]) + bias


def layer_norm(params: Parameters, name: str, x: Any) -> Any:
    """ε 1e-5 and the biased variance, as nn.LayerNorm."""
    mean = tf.reduce_mean(x, axis=-1, keepdims=True)
    variance = tf.reduce_mean(tf.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) * tf.math.rsqrt(variance + 1e-5) * params[f"{name}.weight"] + params[f"{name}.bias"]


def mlp(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    activation, count = ACTIVATIONS[model["activation"]], len(model["hidden"])

    def forward(params: Parameters, x: Any) -> Any:
        x = tf.reshape(x, [tf.shape(x)[0], -1])
        for index in range(count):
            x = activation(linear(params, f"layers.{index}", x))
        return linear(params, f"layers.{count}", x)
    return forward


def cnn(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    pool, paddings = model["pool"], model["padding"]

    def forward(params: Parameters, x: Any) -> Any:
        x = tf.transpose(x, [0, 2, 3, 1])  # NCHW → NHWC, once
        for index, padding in enumerate(paddings):
            kernel, bias = params[f"features.{index}.conv.weight"], params[f"features.{index}.conv.bias"]
            explicit = [[0, 0], [padding, padding], [padding, padding], [0, 0]]
            x = tf.nn.relu(tf.nn.conv2d(x, kernel, strides=1, padding=explicit if padding else "VALID") + bias)
            if pool > 1:  # floor division of odd sizes, as F.max_pool2d
                x = tf.nn.max_pool2d(x, pool, pool, "VALID")
        x = tf.transpose(x, [0, 3, 1, 2])  # back to NCHW so the flattened order fits the classifier's columns
        return linear(params, "classifier", tf.reshape(x, [tf.shape(x)[0], -1]))
    return forward


def transformer(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    heads, layers = model["heads"], model["layers"]

    def attention(params: Parameters, name: str, x: Any) -> Any:
        batch, length, width = tf.shape(x)[0], x.shape[1], x.shape[2]
        depth = width // heads
        qkv = tf.reshape(linear(params, f"{name}.in_proj", x), [batch, length, 3, heads, depth])
        qkv = tf.transpose(qkv, [2, 0, 3, 1, 4])
        scores = tf.matmul(qkv[0] * (1 / math.sqrt(depth)), qkv[1], transpose_b=True)
        context = tf.matmul(tf.nn.softmax(scores, axis=-1), qkv[2])
        context = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [batch, length, width])
        return linear(params, f"{name}.out_proj", context)

    def forward(params: Parameters, tokens: Any) -> Any:
        x = tf.gather(params["token_embedding.weight"], tokens) + params["position_embedding.weight"][: tokens.shape[1]]
        for index in range(layers):
            name = f"blocks.{index}"
            x = x + attention(params, f"{name}.attention", layer_norm(params, f"{name}.norm1", x))
            hidden = tf.nn.gelu(linear(params, f"{name}.linear1", layer_norm(params, f"{name}.norm2", x)),
                                approximate=True)
            x = x + linear(params, f"{name}.linear2", hidden)
        return linear(params, "classifier", tf.reduce_mean(layer_norm(params, "final_norm", x), axis=1))
    return forward


def lstm(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    """dlbench's LSTM (Sources/Models/Layers/LSTM.swift): W_ih [E, 4H], W_hh [H, 4H], one fused bias, gate blocks
    (i, f, o, g), h0 = c0 = 0, the input projection of all steps as one GEMM, the loop unrolled at trace time."""
    hidden = model["hiddenWidth"]

    def forward(params: Parameters, tokens: Any) -> Any:
        embedded = tf.gather(params["embedding.weight"], tokens)                       # [B, S, E]
        projected = tf.tensordot(embedded, params["lstm.weight_ih"], axes=[[2], [0]]) + params["lstm.bias"]
        state = cell = None
        for step in range(tokens.shape[1]):
            gates = projected[:, step]
            if state is not None:
                gates = gates + tf.matmul(state, params["lstm.weight_hh"])
            sigmoids = tf.sigmoid(gates[:, : 3 * hidden])
            input_gate, forget_gate, output_gate = (sigmoids[:, :hidden], sigmoids[:, hidden:2 * hidden],
                                                    sigmoids[:, 2 * hidden:])
            candidate = input_gate * tf.tanh(gates[:, 3 * hidden:])
            cell = candidate if cell is None else candidate + forget_gate * cell
            state = output_gate * tf.tanh(cell)
        return linear(params, "classifier", state)
    return forward


BUILDERS = {"mlp": mlp, "cnn": cnn, "transformer": transformer, "lstm": lstm}


def build(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    return BUILDERS[model["kind"]](model)


def cross_entropy(logits: Any, labels: Any) -> Any:
    """Mean softmax cross-entropy against integer labels."""
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def parameter_names(model: Dict[str, Any]) -> set:
    """The names the forward function reads, so the hand-off can be checked strictly before anything is traced."""
    def pair(name: str) -> list:
        return [f"{name}.weight", f"{name}.bias"]
    kind = model["kind"]
    if kind == "mlp":
        names = [n for index in range(len(model["hidden"]) + 1) for n in pair(f"layers.{index}")]
    elif kind == "cnn":
        names = [n for index in range(len(model["padding"])) for n in pair(f"features.{index}.conv")]
        names += pair("classifier")
    elif kind == "transformer":
        names = ["token_embedding.weight", "position_embedding.weight"] + pair("final_norm") + pair("classifier")
        for index in range(model["layers"]):
            for part in ("norm1", "attention.in_proj", "attention.out_proj", "norm2", "linear1", "linear2"):
                names += pair(f"blocks.{index}.{part}")
    else:
        names = ["embedding.weight", "lstm.weight_ih", "lstm.weight_hh", "lstm.bias"] + pair("classifier")
    return set(names)
