"""dlbench's `bert` family as a pure JAX function over the hand-off weights (Hugging Face BertModel's names, Linear
weights [out, in]): the computation of Swift's `Bert`, torch_bert.py and onnx_bert.py — embeddings + LayerNorm,
post-norm layers with attention masked at [PAD] (id 0, −10⁴ added to its scores), erf GELU, mean pooling over the
real tokens, optional classifier."""
from __future__ import annotations

import math
from typing import Any, Callable, Dict

import jax
import jax.numpy as jnp

Parameters = Dict[str, Any]


def bert(model: Dict[str, Any]) -> Callable[[Parameters, Any], Any]:
    heads, layers, epsilon = model["heads"], model["layers"], model["layerNormEpsilon"]

    def linear(params: Parameters, name: str, x: Any) -> Any:
        return x @ params[f"{name}.weight"].T + params[f"{name}.bias"]

    def norm(params: Parameters, name: str, x: Any) -> Any:
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / jnp.sqrt(variance + epsilon) * params[f"{name}.weight"] + params[f"{name}.bias"]

    def attention(params: Parameters, name: str, x: Any, mask: Any) -> Any:
        batch, length, width = x.shape
        depth = width // heads

        def per_head(part: str) -> Any:
            return linear(params, f"{name}.self.{part}", x).reshape(batch, length, heads, depth).transpose(0, 2, 1, 3)
        scores = (per_head("query") * (1 / math.sqrt(depth))) @ per_head("key").swapaxes(-1, -2) + mask
        context = jax.nn.softmax(scores, axis=-1) @ per_head("value")
        return linear(params, f"{name}.output.dense", context.transpose(0, 2, 1, 3).reshape(batch, length, width))

    def forward(params: Parameters, tokens: Any) -> Any:
        length = tokens.shape[1]
        real = (tokens > 0).astype(jnp.float32)                                 # [B, S]
        mask = ((real - 1) * 10_000)[:, None, None, :]                          # [B, 1, 1, S]
        x = (params["embeddings.word_embeddings.weight"][tokens]
             + params["embeddings.position_embeddings.weight"][:length]
             + params["embeddings.token_type_embeddings.weight"][0])
        x = norm(params, "embeddings.LayerNorm", x)
        for index in range(layers):
            name = f"encoder.layer.{index}"
            x = norm(params, f"{name}.attention.output.LayerNorm", x + attention(params, f"{name}.attention", x, mask))
            hidden = jax.nn.gelu(linear(params, f"{name}.intermediate.dense", x), approximate=False)
            x = norm(params, f"{name}.output.LayerNorm", x + linear(params, f"{name}.output.dense", hidden))
        weights = real[:, :, None]
        pooled = (x * weights).sum(axis=1) / jnp.maximum(weights.sum(axis=1), 1e-9)
        return linear(params, "classifier", pooled) if model.get("head") == "classifier" else pooled
    return forward
