"""dlbench's model families as pure JAX functions over a dict of the hand-off weights (PyTorch names and
layout: Linear weights are [outputs, inputs]); definitions side by side in docs/external-engines.md."""
from __future__ import annotations

import math
from typing import Any, Callable, Dict

import jax
import jax.numpy as jnp

from .jax_bert import bert
from .jax_lstm import lstm_classifier

Parameters = Dict[str, Any]

ACTIVATIONS: Dict[str, Callable[[Any], Any]] = {
    "relu": jax.nn.relu,
    "tanh": jnp.tanh,
    "sigmoid": jax.nn.sigmoid,
    "gelu": lambda x: jax.nn.gelu(x, approximate=True),
}


def linear(params: Parameters, name: str, x: Any) -> Any:
    return x @ params[f"{name}.weight"].T + params[f"{name}.bias"]


def layer_norm(params: Parameters, name: str, x: Any) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / jnp.sqrt(variance + 1e-5) * params[f"{name}.weight"] + params[f"{name}.bias"]


def mlp(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    activation, count = ACTIVATIONS[model["activation"]], len(model["hidden"])

    def forward(params: Parameters, x: Any) -> Any:
        x = x.reshape(x.shape[0], -1)
        for index in range(count):
            x = activation(linear(params, f"layers.{index}", x))
        return linear(params, f"layers.{count}", x)
    return forward


def cnn(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    pool, paddings = model["pool"], model["padding"]

    def forward(params: Parameters, x: Any) -> Any:
        for index, padding in enumerate(paddings):
            weight, bias = params[f"features.{index}.conv.weight"], params[f"features.{index}.conv.bias"]
            x = jax.lax.conv_general_dilated(x, weight, (1, 1), [(padding, padding)] * 2,
                                             dimension_numbers=("NCHW", "OIHW", "NCHW"))
            x = jax.nn.relu(x + bias[None, :, None, None])
            if pool > 1:
                x = jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, pool, pool), (1, 1, pool, pool), "VALID")
        return linear(params, "classifier", x.reshape(x.shape[0], -1))
    return forward


def transformer(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    heads, layers = model["heads"], model["layers"]

    def attention(params: Parameters, name: str, x: Any) -> Any:
        batch, length, width = x.shape
        depth = width // heads
        qkv = linear(params, f"{name}.in_proj", x).reshape(batch, length, 3, heads, depth).transpose(2, 0, 3, 1, 4)
        scores = (qkv[0] * (1 / math.sqrt(depth))) @ qkv[1].swapaxes(-1, -2)
        context = jax.nn.softmax(scores, axis=-1) @ qkv[2]
        return linear(params, f"{name}.out_proj", context.transpose(0, 2, 1, 3).reshape(batch, length, width))

    def forward(params: Parameters, tokens: Any) -> Any:
        x = params["token_embedding.weight"][tokens] + params["position_embedding.weight"][: tokens.shape[1]]
        for index in range(layers):
            name = f"blocks.{index}"
            x = x + attention(params, f"{name}.attention", layer_norm(params, f"{name}.norm1", x))
            hidden = jax.nn.gelu(linear(params, f"{name}.linear1", layer_norm(params, f"{name}.norm2", x)), approximate=True)
            x = x + linear(params, f"{name}.linear2", hidden)
        return linear(params, "classifier", layer_norm(params, "final_norm", x).mean(axis=1))
    return forward


def build(model: Dict[str, Any], compiled: bool) -> Callable[[Parameters, Any], Any]:
    """`compiled`: the forward will run under `jax.jit` (only the LSTM's time loop depends on it)."""
    if model["kind"] == "lstm":
        return lstm_classifier(model, compiled)
    return {"mlp": mlp, "cnn": cnn, "transformer": transformer, "bert": bert}[model["kind"]](model)


def cross_entropy(logits: Any, labels: Any) -> Any:
    """Mean softmax cross-entropy against integer labels, as dlbench's fused op."""
    return (jax.nn.logsumexp(logits, axis=-1) - jnp.take_along_axis(logits, labels[:, None], axis=-1)[:, 0]).mean()
