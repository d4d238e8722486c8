"""dlbench's pre-norm transformer classifier in numpy with a hand-written backward pass.

Token + learned position embeddings; per block x + MHSA(LN(x)), then x + Linear(GELU_tanh(Linear(LN(x))));
final LayerNorm, mean over the sequence, Linear. Attention splits the fused projection as dlbench does:
[B, S, 3, heads, depth] → (q, k, v) each [B, heads, S, depth]; scores = (q/√depth)·kᵀ, softmax over keys.
"""
from __future__ import annotations

import math
from typing import Any, Dict, List, Tuple

import numpy as np

from . import numpy_layers as layers
from .numpy_models import Model, WeightLoader


def softmax_last(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in place (x is a fresh scores array)."""
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


class Transformer(Model):
    def __init__(self, length: int, model: Dict[str, Any], classes: int, loader: WeightLoader) -> None:
        width, hidden = model["modelWidth"], model["feedForwardWidth"]
        self.heads, self.depth, self.width = model["heads"], width // model["heads"], width
        self.scale = 1.0 / math.sqrt(self.depth)
        vocabulary = loader.weights.get("token_embedding.weight", np.zeros((0, width))).shape[0]
        shapes = {"token_embedding.weight": (vocabulary, width), "position_embedding.weight": (length, width)}
        self.block_names = [f"blocks.{index}" for index in range(model["layers"])]
        for name in self.block_names:
            shapes.update({f"{name}.norm1.weight": (width,), f"{name}.norm1.bias": (width,),
                           f"{name}.attention.in_proj.weight": (3 * width, width),
                           f"{name}.attention.in_proj.bias": (3 * width,),
                           f"{name}.attention.out_proj.weight": (width, width),
                           f"{name}.attention.out_proj.bias": (width,),
                           f"{name}.norm2.weight": (width,), f"{name}.norm2.bias": (width,),
                           f"{name}.linear1.weight": (hidden, width), f"{name}.linear1.bias": (hidden,),
                           f"{name}.linear2.weight": (width, hidden), f"{name}.linear2.bias": (width,)})
        shapes.update({"final_norm.weight": (width,), "final_norm.bias": (width,),
                       "classifier.weight": (classes, width), "classifier.bias": (classes,)})
        self.parameters = {name: loader.take(name, shape) for name, shape in shapes.items()}
        self._allocate_gradients()

    # -- forward pieces (each returns what its backward needs) --
    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return layers.linear(x, self.parameters[f"{name}.weight"], self.parameters[f"{name}.bias"])

    def _linear_backward(self, d: np.ndarray, x: np.ndarray, name: str, needs_input_grad: bool = True) -> np.ndarray:
        return layers.linear_backward(d, x, self.parameters[f"{name}.weight"], self.gradients[f"{name}.weight"],
                                      self.gradients[f"{name}.bias"], needs_input_grad)

    def _norm(self, x: np.ndarray, name: str) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        return layers.layer_norm(x, self.parameters[f"{name}.weight"], self.parameters[f"{name}.bias"])

    def _norm_backward(self, d: np.ndarray, saved: Tuple[np.ndarray, np.ndarray], name: str) -> np.ndarray:
        return layers.layer_norm_backward(d, saved[0], saved[1], self.parameters[f"{name}.weight"],
                                          self.gradients[f"{name}.weight"], self.gradients[f"{name}.bias"])

    def _attention(self, x: np.ndarray, name: str) -> Tuple[np.ndarray, tuple]:
        batch, length, width = x.shape
        qkv = self._linear(x, f"{name}.in_proj").reshape(batch, length, 3, self.heads, self.depth)
        qkv = qkv.transpose(2, 0, 3, 1, 4)
        queries, keys, values = qkv[0] * self.scale, qkv[1], qkv[2]
        probabilities = softmax_last(queries @ keys.swapaxes(-1, -2))
        merged = (probabilities @ values).transpose(0, 2, 1, 3).reshape(batch, length, width)
        return self._linear(merged, f"{name}.out_proj"), (queries, keys, values, probabilities, merged)

    def _attention_backward(self, d: np.ndarray, x: np.ndarray, saved: tuple, name: str) -> np.ndarray:
        queries, keys, values, probabilities, merged = saved
        batch, length, width = d.shape
        d_context = self._linear_backward(d, merged, f"{name}.out_proj")
        d_context = d_context.reshape(batch, length, self.heads, self.depth).transpose(0, 2, 1, 3)
        d_qkv = np.empty((3, batch, self.heads, length, self.depth), np.float32)
        np.matmul(probabilities.swapaxes(-1, -2), d_context, out=d_qkv[2])
        d_scores = d_context @ values.swapaxes(-1, -2)
        d_scores -= np.sum(d_scores * probabilities, axis=-1, keepdims=True)
        d_scores *= probabilities
        np.matmul(d_scores, keys, out=d_qkv[0])
        d_qkv[0] *= self.scale
        np.matmul(d_scores.swapaxes(-1, -2), queries, out=d_qkv[1])
        d_projection = d_qkv.transpose(1, 3, 0, 2, 4).reshape(batch, length, 3 * width)
        return self._linear_backward(d_projection, x, f"{name}.in_proj")

    def _embed(self, inputs: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        tokens = inputs if inputs.dtype == np.intp else inputs.astype(np.intp)
        x = self.parameters["token_embedding.weight"][tokens]
        x += self.parameters["position_embedding.weight"][: tokens.shape[1]]
        return x, tokens

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        x, _ = self._embed(inputs)
        for name in self.block_names:
            x = x + self._attention(self._norm(x, f"{name}.norm1")[0], f"{name}.attention")[0]
            hidden = layers.gelu(self._linear(self._norm(x, f"{name}.norm2")[0], f"{name}.linear1"))
            x = x + self._linear(hidden, f"{name}.linear2")
        return self._linear(self._norm(x, "final_norm")[0].mean(axis=1), "classifier")

    def loss_and_gradients(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        x, tokens = self._embed(inputs)
        saved: List[tuple] = []
        for name in self.block_names:
            normed1, *norm1 = self._norm(x, f"{name}.norm1")
            attended, attention = self._attention(normed1, f"{name}.attention")
            x = x + attended
            normed2, *norm2 = self._norm(x, f"{name}.norm2")
            hidden, gelu_saved = layers.gelu_train(self._linear(normed2, f"{name}.linear1"))
            x = x + self._linear(hidden, f"{name}.linear2")
            saved.append((normed1, norm1, attention, normed2, norm2, gelu_saved, hidden))
        final, *final_norm = self._norm(x, "final_norm")
        pooled = final.mean(axis=1)
        loss, d = layers.cross_entropy(self._linear(pooled, "classifier"), labels)
        d_pooled = self._linear_backward(d, pooled, "classifier")
        d_final = np.broadcast_to((d_pooled * (1.0 / final.shape[1]))[:, None, :], final.shape)
        d = self._norm_backward(d_final, final_norm, "final_norm")
        for name, (normed1, norm1, attention, normed2, norm2, gelu_saved, hidden) in zip(
                reversed(self.block_names), reversed(saved)):
            d_hidden = self._linear_backward(d, hidden, f"{name}.linear2")
            d_normed2 = self._linear_backward(layers.gelu_backward(d_hidden, gelu_saved), normed2, f"{name}.linear1")
            d = d + self._norm_backward(d_normed2, norm2, f"{name}.norm2")
            d_normed1 = self._attention_backward(d, normed1, attention, f"{name}.attention")
            d = d + self._norm_backward(d_normed1, norm1, f"{name}.norm1")
        position_gradient = self.gradients["position_embedding.weight"]
        if tokens.shape[1] < position_gradient.shape[0]:
            position_gradient.fill(0.0)  # rows past the sequence get no gradient (and weight decay wrote here)
        np.sum(d, axis=0, out=position_gradient[: tokens.shape[1]])
        token_gradient = self.gradients["token_embedding.weight"]
        token_gradient.fill(0.0)
        np.add.at(token_gradient, tokens.reshape(-1), d.reshape(-1, self.width))
        return loss
