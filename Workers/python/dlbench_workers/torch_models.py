"""dlbench's model families in PyTorch, with dlbench's parameter names (so `load_state_dict` takes the
hand-off weights as they are) and dlbench's layer definitions (see docs/external-engines.md)."""
from __future__ import annotations

import math
from typing import Any, Dict, List

import torch
from torch import nn
import torch.nn.functional as F

from .torch_lstm import LSTMClassifier

ACTIVATIONS = {
    "relu": F.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "gelu": lambda x: F.gelu(x, approximate="tanh"),  # dlbench's GELU is the tanh approximation
}


class MLP(nn.Module):
    """Linear → activation per hidden width, then Linear to the logits; images are flattened first."""

    def __init__(self, inputs: int, hidden: List[int], classes: int, activation: str) -> None:
        super().__init__()
        widths = [inputs] + hidden + [classes]
        self.layers = nn.ModuleList(nn.Linear(widths[i], widths[i + 1]) for i in range(len(widths) - 1))
        self.activation = ACTIVATIONS[activation]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.flatten(1)
        for layer in self.layers[:-1]:
            x = self.activation(layer(x))
        return self.layers[-1](x)


class ConvStage(nn.Module):
    def __init__(self, inputs: int, outputs: int, kernel: int, padding: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(inputs, outputs, kernel, padding=padding)


class CNN(nn.Module):
    """conv → ReLU → max-pool per stage, flatten, Linear (names `features.N.conv`, `classifier`)."""

    def __init__(self, shape: List[int], model: Dict[str, Any], classes: int) -> None:
        super().__init__()
        channels, height, width = shape
        stages = []
        self.pool = model["pool"]
        for convolution, padding in zip(model["convolutions"], model["padding"]):
            kernel = convolution["kernel"]
            stages.append(ConvStage(channels, convolution["channels"], kernel, padding))
            height, width = height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1
            if self.pool > 1:
                height, width = height // self.pool, width // self.pool
            channels = convolution["channels"]
        self.features = nn.ModuleList(stages)
        self.classifier = nn.Linear(channels * height * width, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for stage in self.features:
            x = F.relu(stage.conv(x))
            if self.pool > 1:
                x = F.max_pool2d(x, self.pool)
        return self.classifier(x.flatten(1))


class Attention(nn.Module):
    """One fused q/k/v projection split as dlbench splits it: [B, S, 3, heads, depth]."""

    def __init__(self, width: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.in_proj = nn.Linear(width, 3 * width)
        self.out_proj = nn.Linear(width, width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, width = x.shape
        depth = width // self.heads
        qkv = self.in_proj(x).reshape(batch, length, 3, self.heads, depth).permute(2, 0, 3, 1, 4)
        scores = (qkv[0] * (1 / math.sqrt(depth))) @ qkv[1].transpose(-1, -2)
        context = scores.softmax(dim=-1) @ qkv[2]
        return self.out_proj(context.permute(0, 2, 1, 3).reshape(batch, length, width))


class Block(nn.Module):
    """Pre-norm: x + MHSA(LN(x)), then x + Linear(GELU_tanh(Linear(LN(x))))."""

    def __init__(self, width: int, heads: int, feed_forward: int) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(width, eps=1e-5)
        self.attention = Attention(width, heads)
        self.norm2 = nn.LayerNorm(width, eps=1e-5)
        self.linear1 = nn.Linear(width, feed_forward)
        self.linear2 = nn.Linear(feed_forward, width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attention(self.norm1(x))
        return x + self.linear2(F.gelu(self.linear1(self.norm2(x)), approximate="tanh"))


class Transformer(nn.Module):
    """Token + learned position embeddings, pre-norm blocks, final LayerNorm, mean-pool, Linear."""

    def __init__(self, vocabulary: int, length: int, model: Dict[str, Any], classes: int) -> None:
        super().__init__()
        width = model["modelWidth"]
        self.token_embedding = nn.Embedding(vocabulary, width)
        self.position_embedding = nn.Embedding(length, width)
        self.blocks = nn.ModuleList(Block(width, model["heads"], model["feedForwardWidth"])
                                    for _ in range(model["layers"]))
        self.final_norm = nn.LayerNorm(width, eps=1e-5)
        self.classifier = nn.Linear(width, classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.token_embedding(tokens) + self.position_embedding.weight[: tokens.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.classifier(self.final_norm(x).mean(dim=1))


def build(workload: Dict[str, Any], weights: Dict[str, Any]) -> nn.Module:
    """The model of the workload; the vocabulary comes from the weights' embedding table."""
    model, shape, classes = workload["model"], workload["inputShape"], workload["classes"]
    if model["kind"] == "mlp":
        return MLP(math.prod(shape), model["hidden"], classes, model["activation"])
    if model["kind"] == "cnn":
        return CNN(shape, model, classes)
    if model["kind"] == "transformer":
        vocabulary = weights["token_embedding.weight"].shape[0]
        return Transformer(vocabulary, shape[0], model, classes)
    if model["kind"] == "lstm":
        vocabulary = weights["embedding.weight"].shape[0]
        return LSTMClassifier(vocabulary, model["embeddingWidth"], model["hiddenWidth"], classes)
    if model["kind"] == "bert":
        from .torch_bert import Bert
        return Bert(weights["embeddings.word_embeddings.weight"].shape[0], model, classes)
    raise KeyError(model["kind"])
