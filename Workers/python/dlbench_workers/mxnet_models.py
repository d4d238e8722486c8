"""dlbench's model families as Gluon HybridBlocks (MXNet 1.9), with dlbench's parameter names and layer definitions
(docs/external-engines.md), so one class runs op by op (imperative) and as one cached graph (hybridize).

Names: every layer is built with its dlbench name as its Gluon prefix and outside any `name_scope`, so Gluon keeps
the prefix as the whole name (`layers.0.` + `weight`); `collect_params()` then lists the hand-off's names, except
LayerNorm's `gamma`/`beta`, renamed to `weight`/`bias`. Layouts need no conversion: Gluon's `Dense` weight is
[out, in] like PyTorch's Linear, `Conv2D` is NCHW/OIHW, `Embedding` is [V, E].
"""
from __future__ import annotations

import math
from typing import Any, Dict, List

from mxnet import gluon
from mxnet.gluon import nn

GLUON_TO_DLBENCH = {"gamma": "weight", "beta": "bias"}  # LayerNorm's parameter names in dlbench (PyTorch)


def gelu_tanh(F: Any, x: Any) -> Any:
    """dlbench's GELU is the tanh approximation; MXNet's built-in `gelu` is the erf form."""
    return 0.5 * x * (1 + F.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x)))


ACTIVATIONS = {
    "relu": lambda F, x: F.relu(x),
    "tanh": lambda F, x: F.tanh(x),
    "sigmoid": lambda F, x: F.sigmoid(x),
    "gelu": gelu_tanh,
}


def linear(inputs: int, outputs: int, name: str) -> nn.Dense:
    """PyTorch's Linear: y = x·Wᵀ + b over the last axis (flatten=False keeps [B, S, …] inputs intact)."""
    return nn.Dense(outputs, in_units=inputs, flatten=False, prefix=f"{name}.")


def layer_norm(width: int, name: str) -> nn.LayerNorm:
    return nn.LayerNorm(axis=-1, epsilon=1e-5, in_channels=width, prefix=f"{name}.")  # biased variance, as dlbench


class Stack(gluon.HybridBlock):
    """A block whose children are registered under their dlbench names (e.g. `layers.0`), in order."""

    def __init__(self) -> None:
        super().__init__(prefix="")
        self.stack: List[gluon.Block] = []

    def add(self, name: str, block: gluon.Block) -> gluon.Block:
        self.register_child(block, name)
        self.stack.append(block)
        return block


class MLP(Stack):
    """Linear → activation per hidden width, then Linear to the logits; images are flattened first."""

    def __init__(self, inputs: int, hidden: List[int], classes: int, activation: str) -> None:
        super().__init__()
        widths = [inputs] + hidden + [classes]
        for index in range(len(widths) - 1):
            self.add(f"layers.{index}", linear(widths[index], widths[index + 1], f"layers.{index}"))
        self.activation = ACTIVATIONS[activation]

    def hybrid_forward(self, F: Any, x: Any) -> Any:
        x = F.flatten(x)
        for layer in self.stack[:-1]:
            x = self.activation(F, layer(x))
        return self.stack[-1](x)


class CNN(Stack):
    """conv → ReLU → max-pool per stage (floor, as PyTorch), flatten, Linear (`features.N.conv`, `classifier`)."""

    def __init__(self, shape: List[int], model: Dict[str, Any], classes: int) -> None:
        super().__init__()
        channels, height, width = shape
        self.pool = model["pool"]
        for index, (convolution, padding) in enumerate(zip(model["convolutions"], model["padding"])):
            kernel = convolution["kernel"]
            self.add(f"features.{index}", nn.Conv2D(convolution["channels"], kernel, padding=padding,
                                                    in_channels=channels, prefix=f"features.{index}.conv."))
            height, width = height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1
            if self.pool > 1:
                height, width = height // self.pool, width // self.pool
            channels = convolution["channels"]
        self.classifier = linear(channels * height * width, classes, "classifier")

    def hybrid_forward(self, F: Any, x: Any) -> Any:
        for convolution in self.stack:
            x = F.relu(convolution(x))
            if self.pool > 1:
                x = F.Pooling(x, kernel=(self.pool, self.pool), stride=(self.pool, self.pool), pool_type="max")
        return self.classifier(F.flatten(x))


class Attention(gluon.HybridBlock):
    """One fused q/k/v projection split as dlbench splits it: [B, S, 3, heads, depth] → (3, B, heads, S, depth)."""

    def __init__(self, width: int, heads: int, name: str) -> None:
        super().__init__(prefix="")
        self.heads, self.depth = heads, width // heads
        self.in_proj = linear(width, 3 * width, f"{name}.in_proj")
        self.out_proj = linear(width, width, f"{name}.out_proj")

    def hybrid_forward(self, F: Any, x: Any) -> Any:
        # Shapes by reshape codes (0: keep, -1: infer, -3: merge two, -4: split one), so the graph traces symbolically.
        qkv = self.in_proj(x).reshape((0, 0, 3, self.heads, -1)).transpose((2, 0, 3, 1, 4))
        q, k, v = (part.reshape((-3, -2)) for part in F.split(qkv, num_outputs=3, axis=0, squeeze_axis=True))
        scores = F.batch_dot(q * (1 / math.sqrt(self.depth)), k, transpose_b=True)  # [B·heads, S, S]
        context = F.batch_dot(F.softmax(scores, axis=-1), v).reshape((-4, -1, self.heads, -2))
        return self.out_proj(context.transpose((0, 2, 1, 3)).reshape((0, 0, -1)))


class Block(gluon.HybridBlock):
    """Pre-norm: x + MHSA(LN(x)), then x + Linear(GELU_tanh(Linear(LN(x))))."""

    def __init__(self, width: int, heads: int, feed_forward: int, name: str) -> None:
        super().__init__(prefix="")
        self.norm1 = layer_norm(width, f"{name}.norm1")
        self.attention = Attention(width, heads, f"{name}.attention")
        self.norm2 = layer_norm(width, f"{name}.norm2")
        self.linear1 = linear(width, feed_forward, f"{name}.linear1")
        self.linear2 = linear(feed_forward, width, f"{name}.linear2")

    def hybrid_forward(self, F: Any, x: Any) -> Any:
        x = x + self.attention(self.norm1(x))
        return x + self.linear2(gelu_tanh(F, self.linear1(self.norm2(x))))


class Transformer(Stack):
    """Token + learned position embeddings, pre-norm blocks, final LayerNorm, mean over the sequence, Linear."""

    def __init__(self, vocabulary: int, positions: int, length: int, model: Dict[str, Any], classes: int) -> None:
        super().__init__()
        width = model["modelWidth"]
        self.length = length
        self.token_embedding = nn.Embedding(vocabulary, width, prefix="token_embedding.")
        # A bare parameter, not an Embedding: the forward pass takes its first `length` rows, as PyTorch's slice does.
        self.position_embedding = self.params.get("position_embedding.weight", shape=(positions, width))
        for index in range(model["layers"]):
            name = f"blocks.{index}"
            self.add(name, Block(width, model["heads"], model["feedForwardWidth"], name))
        self.final_norm = layer_norm(width, "final_norm")
        self.classifier = linear(width, classes, "classifier")

    def hybrid_forward(self, F: Any, tokens: Any, position_embedding: Any) -> Any:
        positions = F.slice_axis(position_embedding, axis=0, begin=0, end=self.length)
        x = F.broadcast_add(self.token_embedding(tokens), positions.expand_dims(0))
        for block in self.stack:
            x = block(x)
        return self.classifier(F.mean(self.final_norm(x), axis=1))


class LSTM(gluon.HybridBlock):
    """dlbench's cell, unrolled: gates = x_t·W_ih + h·W_hh + b (one fused bias), blocks (i, f, o, g), h0 = c0 = 0;
    returns the last h. Gluon's `rnn.LSTM` orders its gates (i, f, g, o) and has two biases, hence the loop."""

    def __init__(self, inputs: int, hidden: int, length: int) -> None:
        super().__init__(prefix="lstm.")
        self.length = length
        self.weight_ih = self.params.get("weight_ih", shape=(inputs, 4 * hidden))
        self.weight_hh = self.params.get("weight_hh", shape=(hidden, 4 * hidden))
        self.bias = self.params.get("bias", shape=(4 * hidden,))

    def hybrid_forward(self, F: Any, x: Any, weight_ih: Any, weight_hh: Any, bias: Any) -> Any:
        projected = F.broadcast_add(F.dot(x, weight_ih), bias)  # every step's x_t·W_ih + b at once: [B, S, 4H]
        steps = F.split(projected, num_outputs=self.length, axis=1, squeeze_axis=True)
        steps = list(steps) if self.length > 1 else [steps]
        hidden = cell = None
        for gates in steps:
            if hidden is not None:  # h0 = 0: the first step has no recurrent term
                gates = gates + F.dot(hidden, weight_hh)
            i, f, o, g = F.split(gates, num_outputs=4, axis=1)
            i, f, o, g = F.sigmoid(i), F.sigmoid(f), F.sigmoid(o), F.tanh(g)
            cell = i * g if cell is None else f * cell + i * g
            hidden = o * F.tanh(cell)
        return hidden


class LSTMClassifier(gluon.HybridBlock):
    """Embedding → dlbench's LSTM → Linear from the last hidden state (names `embedding`, `lstm`, `classifier`)."""

    def __init__(self, vocabulary: int, length: int, model: Dict[str, Any], classes: int) -> None:
        super().__init__(prefix="")
        embedding, hidden = model["embeddingWidth"], model["hiddenWidth"]
        self.embedding = nn.Embedding(vocabulary, embedding, prefix="embedding.")
        self.lstm = LSTM(embedding, hidden, length)
        self.classifier = linear(hidden, classes, "classifier")

    def hybrid_forward(self, F: Any, tokens: Any) -> Any:
        return self.classifier(self.lstm(self.embedding(tokens)))


class CrossEntropy(gluon.HybridBlock):
    """Model and loss in one block, so `hybridize` caches forward and loss as one graph: mean softmax
    cross-entropy over integer labels, as dlbench's fused op."""

    def __init__(self, model: gluon.HybridBlock) -> None:
        super().__init__(prefix="")
        self.model = model

    def hybrid_forward(self, F: Any, inputs: Any, labels: Any) -> Any:
        log_probabilities = F.log_softmax(self.model(inputs), axis=-1)
        return -F.mean(F.pick(log_probabilities, labels, axis=-1))


def build(workload: Dict[str, Any], weights: Dict[str, Any]) -> gluon.HybridBlock:
    """The model of the workload; vocabulary (and position rows) come from the weights' embedding tables."""
    model, shape, classes = workload["model"], workload["inputShape"], workload["classes"]
    if model["kind"] == "mlp":
        return MLP(math.prod(shape), model["hidden"], classes, model["activation"])
    if model["kind"] == "cnn":
        return CNN(shape, model, classes)
    if model["kind"] == "transformer":
        return Transformer(weights["token_embedding.weight"].shape[0], weights["position_embedding.weight"].shape[0],
                           shape[0], model, classes)
    if model["kind"] == "lstm":
        return LSTMClassifier(weights["embedding.weight"].shape[0], shape[0], model, classes)
    raise KeyError(model["kind"])


def dlbench_parameters(block: gluon.Block) -> Dict[str, Any]:
    """Every Gluon parameter of `block` under its dlbench name (see the module docstring)."""
    named = {}
    for name, parameter in block.collect_params().items():
        stem, _, leaf = name.rpartition(".")
        named[f"{stem}.{GLUON_TO_DLBENCH.get(leaf, leaf)}"] = parameter
    return named
