"""dlbench's model families as ONNX graphs built straight from the hand-off weights with `onnx.helper`.

This is the deployment path: no PyTorch (or any training framework) is needed to get from dlbench's checkpoint to
an ONNX Runtime session. The graphs compute what torch_models.py computes (docs/external-engines.md, side by side),
and the initializers are the hand-off tensors as they are (Linear weights [out, in] feed `Gemm` with transB=1) —
except the LSTM, whose weights are re-laid into the ONNX `LSTM` op's layout once here (see `lstm`).

Every graph has one input `input` with a dynamic batch dimension `batch` (float32 features, or int64 token ids for
the sequence models, whose length is fixed per task) and one output `logits` [batch, classes].
"""
from __future__ import annotations

import math
from typing import Any, Callable, Dict, List

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# 20: the first opset with Gelu(approximate="tanh") (LayerNormalization needs 17); ONNX Runtime 1.17+ runs it.
OPSET = 20
INPUT, OUTPUT = "input", "logits"
Weights = Dict[str, np.ndarray]


class GraphBuilder:
    """Collects nodes and initializers with fresh value names, so the per-model functions read like the model."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self.nodes: List[onnx.NodeProto] = []
        self.initializers: Dict[str, onnx.TensorProto] = {}
        self.counter = 0

    def weight(self, name: str, shape: List[int]) -> str:
        """A hand-off tensor as an initializer under its own name (added once, however often it is used), checked
        against the shape the workload's model gives it — as PyTorch's strict `load_state_dict` would."""
        if name not in self.initializers:
            if name not in self.weights:
                raise KeyError(f"the hand-off weights have no tensor '{name}'")
            if list(self.weights[name].shape) != list(shape):
                raise ValueError(f"'{name}' is {list(self.weights[name].shape)} in the hand-off, "
                                 f"the model needs {shape}")
            self.derived(name, self.weights[name])
        return name

    def derived(self, name: str, values: np.ndarray) -> str:
        """An initializer computed from hand-off tensors at export (a slice, a re-layout), under a name of its own."""
        self.initializers[name] = numpy_helper.from_array(np.ascontiguousarray(values, np.float32), name)
        return name

    def constant(self, values: Any, dtype: Any = np.int64) -> str:
        """A small constant input (shapes, axes, scales) as an initializer."""
        name = self.fresh("const")
        self.initializers[name] = numpy_helper.from_array(np.asarray(values, dtype=dtype), name)
        return name

    def fresh(self, hint: str) -> str:
        self.counter += 1
        return f"{hint}_{self.counter}"

    def op(self, kind: str, inputs: List[str], **attributes: Any) -> str:
        """Adds one single-output node; returns its output's name."""
        name = self.fresh(kind.lower())
        self.nodes.append(helper.make_node(kind, inputs, [name], **attributes))
        return name

    def linear(self, name: str, x: str, inputs: int, outputs: int) -> str:
        """PyTorch's Linear on a 2-D input: x · Wᵀ + b with W [out, in] taken as it is (transB=1)."""
        weight, bias = self.weight(f"{name}.weight", [outputs, inputs]), self.weight(f"{name}.bias", [outputs])
        return self.op("Gemm", [x, weight, bias], transB=1)

    def layer_norm(self, name: str, x: str, width: int, epsilon: float = 1e-5) -> str:
        weight, bias = self.weight(f"{name}.weight", [width]), self.weight(f"{name}.bias", [width])
        return self.op("LayerNormalization", [x, weight, bias], axis=-1, epsilon=epsilon)

    def model(self, input_type: int, input_shape: List[Any], result: str, classes: int) -> onnx.ModelProto:
        """The finished model, checked by onnx's checker; the last node writes `logits` itself (an Identity would be a
        copy per query with optimisation disabled)."""
        if self.nodes[-1].output[0] != result:
            raise ValueError("the logits must be the last node's output")
        self.nodes[-1].output[0] = OUTPUT
        graph = helper.make_graph(
            self.nodes, "dlbench", [helper.make_tensor_value_info(INPUT, input_type, ["batch", *input_shape])],
            [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", classes])],
            initializer=list(self.initializers.values()))
        opsets = [helper.make_opsetid("", OPSET)]
        built = helper.make_model(graph, opset_imports=opsets, ir_version=helper.find_min_ir_version_for(opsets),
                                  producer_name="dlbench_workers.onnx_export")
        onnx.checker.check_model(built, full_check=True)
        return built


def activation(graph: GraphBuilder, kind: str, x: str) -> str:
    if kind == "gelu":  # dlbench's GELU is the tanh approximation
        return graph.op("Gelu", [x], approximate="tanh")
    return graph.op({"relu": "Relu", "tanh": "Tanh", "sigmoid": "Sigmoid"}[kind], [x])


def mlp(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    """Flatten, then `layers.i` Gemm → activation, the last Gemm giving the logits."""
    graph, model = GraphBuilder(weights), workload["model"]
    widths = [math.prod(workload["inputShape"]), *model["hidden"], workload["classes"]]
    x = graph.op("Flatten", [INPUT], axis=1)
    for index in range(len(widths) - 1):
        x = graph.linear(f"layers.{index}", x, widths[index], widths[index + 1])
        if index < len(widths) - 2:
            x = activation(graph, model["activation"], x)
    return graph.model(TensorProto.FLOAT, list(workload["inputShape"]), x, workload["classes"])


def cnn(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    """Conv (OIHW, symmetric padding) → Relu → MaxPool(pool, stride pool, floor) per stage, Flatten, Gemm."""
    graph, model = GraphBuilder(weights), workload["model"]
    x, pool = INPUT, model["pool"]
    channels, height, width = workload["inputShape"]
    for index, (convolution, padding) in enumerate(zip(model["convolutions"], model["padding"])):
        name, kernel, outputs = f"features.{index}.conv", convolution["kernel"], convolution["channels"]
        weight = graph.weight(f"{name}.weight", [outputs, channels, kernel, kernel])
        x = graph.op("Conv", [x, weight, graph.weight(f"{name}.bias", [outputs])], pads=[padding] * 4)
        x = graph.op("Relu", [x])
        height, width, channels = height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1, outputs
        if pool > 1:
            x = graph.op("MaxPool", [x], kernel_shape=[pool, pool], strides=[pool, pool])
            height, width = height // pool, width // pool
    x = graph.linear("classifier", graph.op("Flatten", [x], axis=1), channels * height * width, workload["classes"])
    return graph.model(TensorProto.FLOAT, list(workload["inputShape"]), x, workload["classes"])


def attention(graph: GraphBuilder, name: str, x: str, length: int, width: int, heads: int) -> str:
    """x [B·S, width] → in_proj → [B, S, 3, heads, depth] → permute (2, 0, 3, 1, 4); q·(1/√depth)·kᵀ, softmax, ·v;
    out_proj — dlbench's split, so the heads take the same columns."""
    depth = width // heads
    qkv = graph.linear(f"{name}.in_proj", x, width, 3 * width)
    qkv = graph.op("Reshape", [qkv, graph.constant([-1, length, 3, heads, depth])])
    qkv = graph.op("Transpose", [qkv], perm=[2, 0, 3, 1, 4])
    # A scalar index drops the axis: q, k, v are each [B, heads, S, depth].
    q, k, v = (graph.op("Gather", [qkv, graph.constant(part)], axis=0) for part in range(3))
    q = graph.op("Mul", [q, graph.constant(1 / math.sqrt(depth), np.float32)])
    scores = graph.op("MatMul", [q, graph.op("Transpose", [k], perm=[0, 1, 3, 2])])
    context = graph.op("MatMul", [graph.op("Softmax", [scores], axis=-1), v])
    context = graph.op("Transpose", [context], perm=[0, 2, 1, 3])
    return graph.linear(f"{name}.out_proj", graph.op("Reshape", [context, graph.constant([-1, width])]), width, width)


def transformer(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    """Token + position embeddings, pre-norm blocks on [B·S, width] rows (so every Linear is one Gemm), final norm,
    mean over the sequence, classifier."""
    graph, model = GraphBuilder(weights), workload["model"]
    length, width, feed_forward = workload["inputShape"][0], model["modelWidth"], model["feedForwardWidth"]
    vocabulary = weights["token_embedding.weight"].shape[0] if "token_embedding.weight" in weights else 0
    positions = weights.get("position_embedding.weight", np.zeros((0, width)))
    if positions.shape[0] < length or positions.shape[1:] != (width,):
        raise ValueError(f"'position_embedding.weight' is {list(positions.shape)}, the model needs [{length}, {width}]")
    x = graph.op("Gather", [graph.weight("token_embedding.weight", [vocabulary, width]), INPUT], axis=0)  # [B, S, W]
    x = graph.op("Add", [x, graph.derived("position_embedding.weight", positions[:length])])  # as weight[:S] in torch
    x = graph.op("Reshape", [x, graph.constant([-1, width])])
    for index in range(model["layers"]):
        name = f"blocks.{index}"
        x = graph.op("Add", [x, attention(graph, f"{name}.attention", graph.layer_norm(f"{name}.norm1", x, width),
                                          length, width, model["heads"])])
        hidden = graph.linear(f"{name}.linear1", graph.layer_norm(f"{name}.norm2", x, width), width, feed_forward)
        hidden = graph.op("Gelu", [hidden], approximate="tanh")
        x = graph.op("Add", [x, graph.linear(f"{name}.linear2", hidden, feed_forward, width)])
    x = graph.op("Reshape", [graph.layer_norm("final_norm", x, width), graph.constant([-1, length, width])])
    x = graph.op("ReduceMean", [x, graph.constant([1])], keepdims=0)
    x = graph.linear("classifier", x, width, workload["classes"])
    return graph.model(TensorProto.INT64, [length], x, workload["classes"])


def lstm(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    """Embedding, ONNX `LSTM` over the fixed sequence (h0 = c0 = 0), classifier on the last hidden state.

    dlbench keeps `lstm.weight_ih` [E, 4H], `lstm.weight_hh` [H, 4H] and one fused bias [4H], gate blocks (i, f, o, g);
    the ONNX op wants W [1, 4H, E], R [1, 4H, H], gate blocks (i, o, f, c) and separate input/recurrent biases
    [1, 8H] — so those three tensors are transposed and regrouped here (the recurrent bias half is zero), once."""
    graph, model = GraphBuilder(weights), workload["model"]
    embedding, hidden = model["embeddingWidth"], model["hiddenWidth"]
    vocabulary = weights["embedding.weight"].shape[0] if "embedding.weight" in weights else 0
    for name, shape in (("lstm.weight_ih", [embedding, 4 * hidden]), ("lstm.weight_hh", [hidden, 4 * hidden]),
                        ("lstm.bias", [4 * hidden])):
        if name not in weights or list(weights[name].shape) != shape:
            raise ValueError(f"'{name}' is {list(weights[name].shape) if name in weights else 'missing'} in the "
                             f"hand-off, the model needs {shape}")
    order = [0, 2, 1, 3]  # dlbench's (i, f, o, g) blocks in ONNX's (i, o, f, c) order

    def regroup(matrix: np.ndarray) -> np.ndarray:  # [rows, 4H] → [1, 4H, rows] in ONNX gate order
        blocks = matrix.T.reshape(4, hidden, -1)[order]
        return blocks.reshape(1, 4 * hidden, -1)

    bias = weights["lstm.bias"].reshape(4, hidden)[order].reshape(1, 4 * hidden)
    parameters = [graph.derived("lstm.W", regroup(weights["lstm.weight_ih"])),
                  graph.derived("lstm.R", regroup(weights["lstm.weight_hh"])),
                  graph.derived("lstm.B", np.concatenate([bias, np.zeros_like(bias)], axis=1))]
    x = graph.op("Gather", [graph.weight("embedding.weight", [vocabulary, embedding]), INPUT], axis=0)  # [B, S, E]
    x = graph.op("Transpose", [x], perm=[1, 0, 2])  # [S, B, E]: layout 0, which every ONNX runtime implements
    last_hidden = graph.fresh("lstm_h")  # Y_h [1, B, H]; the empty first output name skips Y (every step's h)
    graph.nodes.append(helper.make_node("LSTM", [x, *parameters], ["", last_hidden], hidden_size=hidden))
    x = graph.linear("classifier", graph.op("Reshape", [last_hidden, graph.constant([-1, hidden])]), hidden,
                     workload["classes"])
    return graph.model(TensorProto.INT64, [workload["inputShape"][0]], x, workload["classes"])


def bert(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    """The BERT encoder, in onnx_bert.py (it builds on this module's GraphBuilder)."""
    from .onnx_bert import bert as build
    return build(workload, weights)


BUILDERS: Dict[str, Callable[[Dict[str, Any], Weights], onnx.ModelProto]] = {
    "mlp": mlp, "cnn": cnn, "transformer": transformer, "lstm": lstm, "bert": bert}


def export(workload: Dict[str, Any], weights: Weights) -> onnx.ModelProto:
    """The workload's model as a checked ONNX model; KeyError for a model kind without a builder."""
    return BUILDERS[workload["model"]["kind"]](workload, weights)


def takes_tokens(workload: Dict[str, Any]) -> bool:
    """Sequence models read int64 token ids (the hand-off stores them as float)."""
    return workload["model"]["kind"] in ("transformer", "lstm", "bert")


def output_width(workload: Dict[str, Any]) -> int:
    """Columns of the output: the classes, or the hidden width of a BERT returning its pooled embedding."""
    model = workload["model"]
    return model["hiddenWidth"] if model["kind"] == "bert" and model.get("head") == "embedding" else workload["classes"]
