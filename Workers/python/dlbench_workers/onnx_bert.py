"""dlbench's `bert` family as an ONNX graph from the hand-off weights (Hugging Face BertModel's names): the same
computation as torch_bert.py and Swift's `Bert` — embeddings + LayerNorm, post-norm layers whose attention adds
−10⁴ at padding keys (id 0), erf GELU, mean pooling over the real tokens, optional classifier.

Rows are kept as [B·S, width] so every Linear is one Gemm (transB=1 on the [out, in] weights as they are)."""
from __future__ import annotations

import math
from typing import Any, Dict

import numpy as np
import onnx
from onnx import TensorProto

from .onnx_export import INPUT, GraphBuilder, Weights, output_width


def attention(graph: GraphBuilder, name: str, x: str, mask: str, length: int, width: int, heads: int) -> str:
    depth = width // heads

    def per_head(part: str) -> str:  # [B·S, W] → [B, heads, S, depth]
        projected = graph.linear(f"{name}.self.{part}", x, width, width)
        return graph.op("Transpose", [graph.op("Reshape", [projected, graph.constant([-1, length, heads, depth])])],
                        perm=[0, 2, 1, 3])

    q = graph.op("Mul", [per_head("query"), graph.constant(1 / math.sqrt(depth), np.float32)])
    scores = graph.op("MatMul", [q, graph.op("Transpose", [per_head("key")], perm=[0, 1, 3, 2])])
    weights = graph.op("Softmax", [graph.op("Add", [scores, mask])], axis=-1)
    context = graph.op("Transpose", [graph.op("MatMul", [weights, per_head("value")])], perm=[0, 2, 1, 3])
    return graph.linear(f"{name}.output.dense", graph.op("Reshape", [context, graph.constant([-1, width])]), width, width)


def bert(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    graph, model = GraphBuilder(weights), workload["model"]
    length, width = workload["inputShape"][0], model["hiddenWidth"]
    intermediate, epsilon = model["intermediateWidth"], model["layerNormEpsilon"]
    vocabulary = weights["embeddings.word_embeddings.weight"].shape[0] if "embeddings.word_embeddings.weight" in weights else 0
    positions = weights.get("embeddings.position_embeddings.weight", np.zeros((0, width)))
    types = weights.get("embeddings.token_type_embeddings.weight", np.zeros((0, width)))
    if positions.shape[0] < length or positions.shape[1:] != (width,) or types.shape[0] < 1:
        raise ValueError(f"the position/token-type embeddings are {list(positions.shape)}/{list(types.shape)}, the "
                         f"model needs [≥{length}, {width}] and [≥1, {width}]")
    tokens = graph.op("Cast", [graph.op("Greater", [INPUT, graph.constant(0)])], to=TensorProto.FLOAT)  # [B, S]
    additive = graph.op("Mul", [graph.op("Sub", [tokens, graph.constant(1, np.float32)]),
                                graph.constant(10_000, np.float32)])
    additive = graph.op("Reshape", [additive, graph.constant([-1, 1, 1, length])])
    x = graph.op("Gather", [graph.weight("embeddings.word_embeddings.weight", [vocabulary, width]), INPUT], axis=0)
    x = graph.op("Add", [x, graph.derived("embeddings.positions", positions[:length])])
    x = graph.op("Add", [x, graph.derived("embeddings.segment", types[:1])])
    x = graph.op("Reshape", [graph.layer_norm("embeddings.LayerNorm", x, width, epsilon), graph.constant([-1, width])])
    for index in range(model["layers"]):
        name = f"encoder.layer.{index}"
        attended = attention(graph, f"{name}.attention", x, additive, length, width, model["heads"])
        x = graph.layer_norm(f"{name}.attention.output.LayerNorm", graph.op("Add", [x, attended]), width, epsilon)
        hidden = graph.op("Gelu", [graph.linear(f"{name}.intermediate.dense", x, width, intermediate)])  # erf form
        x = graph.layer_norm(f"{name}.output.LayerNorm",
                             graph.op("Add", [x, graph.linear(f"{name}.output.dense", hidden, intermediate, width)]),
                             width, epsilon)
    x = graph.op("Reshape", [x, graph.constant([-1, length, width])])
    column = graph.op("Reshape", [tokens, graph.constant([-1, length, 1])])
    summed = graph.op("ReduceSum", [graph.op("Mul", [x, column]), graph.constant([1])], keepdims=0)
    counts = graph.op("Add", [graph.op("ReduceSum", [column, graph.constant([1])], keepdims=0),
                              graph.constant(1e-9, np.float32)])
    x = graph.op("Div", [summed, counts])
    if model.get("head") == "classifier":
        x = graph.linear("classifier", x, width, workload["classes"])
    return graph.model(TensorProto.INT64, [length], x, output_width(workload))
