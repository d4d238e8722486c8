"""dlbench's model families as Keras 3 functional models built from Keras layers, and the hand-off weights
(PyTorch names and layouts) put into them with `set_weights`. Import only after keras_backend has chosen the
Keras backend: this module imports Keras.

Layouts: Dense kernels are [in, out] (PyTorch Linear is [out, in]: transposed); Conv2D kernels are [kh, kw, in,
out] whatever the data format (PyTorch OIHW: permuted); MultiHeadAttention keeps q/k/v as separate
[width, heads, depth] kernels and the output as [heads, depth, width], which dlbench's fused `in_proj` splits into
exactly (rows q | k | v, head-major inside each); Keras's LSTM gates are (i, f, c, o) where dlbench's are
(i, f, o, g)."""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Tuple

import keras
import numpy as np

from .wire import WorkerError

Weights = Dict[str, np.ndarray]
# (Keras layer name, the hand-off arrays in the order of that layer's `weights`)
Assignments = List[Tuple[str, List[np.ndarray]]]


def gelu_tanh(x: Any) -> Any:
    """dlbench's GELU is the tanh approximation (Keras's default is the exact erf form)."""
    return keras.activations.gelu(x, approximate=True)


ACTIVATIONS: Dict[str, Any] = {"relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid", "gelu": gelu_tanh}


def dense(weights: Weights, name: str) -> List[np.ndarray]:
    return [weights[f"{name}.weight"].T, weights[f"{name}.bias"]]


def mlp(workload: Dict[str, Any], weights: Weights) -> Tuple[keras.Model, Assignments]:
    model = workload["model"]
    inputs = keras.Input(shape=tuple(workload["inputShape"]), name="inputs")
    x = keras.layers.Flatten(data_format="channels_last")(inputs)  # a plain row-major reshape, as torch.flatten
    assignments: Assignments = []
    hidden = model["hidden"]
    for index, width in enumerate(hidden + [workload["classes"]]):
        last = index == len(hidden)
        x = keras.layers.Dense(width, activation=None if last else ACTIVATIONS[model["activation"]],
                               name=f"layers_{index}")(x)
        assignments.append((f"layers_{index}", dense(weights, f"layers.{index}")))
    return keras.Model(inputs, x, name="mlp"), assignments


def cnn(workload: Dict[str, Any], weights: Weights) -> Tuple[keras.Model, Assignments]:
    """NCHW throughout (`channels_first`), so the flatten before the classifier orders features as PyTorch's."""
    model = workload["model"]
    inputs = keras.Input(shape=tuple(workload["inputShape"]), name="inputs")
    x, assignments, pool = inputs, [], model["pool"]
    for index, (convolution, padding) in enumerate(zip(model["convolutions"], model["padding"])):
        kernel = convolution["kernel"]
        if padding and 2 * padding != kernel - 1:  # PyTorch's symmetric padding that is not Keras's "same"
            x = keras.layers.ZeroPadding2D(padding, data_format="channels_first")(x)
        mode = "same" if padding and 2 * padding == kernel - 1 else "valid"
        name = f"features_{index}_conv"
        x = keras.layers.Conv2D(convolution["channels"], kernel, padding=mode, activation="relu",
                                data_format="channels_first", name=name)(x)
        assignments.append((name, [weights[f"features.{index}.conv.weight"].transpose(2, 3, 1, 0),
                                   weights[f"features.{index}.conv.bias"]]))
        if pool > 1:
            x = keras.layers.MaxPooling2D(pool, data_format="channels_first")(x)
    x = keras.layers.Flatten(data_format="channels_last")(x)  # no transpose: C, H, W order as torch.flatten
    x = keras.layers.Dense(workload["classes"], name="classifier")(x)
    assignments.append(("classifier", dense(weights, "classifier")))
    return keras.Model(inputs, x, name="cnn"), assignments


class LearnedPositions(keras.layers.Layer):
    """Adds the first `length` rows of a learned [positions, width] table (dlbench's `position_embedding`):
    core Keras has no position-embedding layer."""

    def __init__(self, positions: int, width: int, length: int, **options: Any) -> None:
        super().__init__(**options)
        self.length = length
        self.table = self.add_weight(shape=(positions, width), initializer="zeros", name="embeddings")

    def call(self, x: Any) -> Any:
        return x + self.table[: self.length]


def attention_weights(weights: Weights, name: str, width: int, heads: int) -> List[np.ndarray]:
    """The fused in_proj [3·width, width] as MultiHeadAttention's query/key/value EinsumDense kernels and biases,
    then out_proj as the output kernel [heads, depth, width]."""
    depth = width // heads
    fused, fused_bias = weights[f"{name}.in_proj.weight"], weights[f"{name}.in_proj.bias"]
    arrays = []
    for part in range(3):  # q, k, v: rows part·width … (part+1)·width, head h at rows h·depth …
        rows = slice(part * width, (part + 1) * width)
        arrays += [fused[rows].T.reshape(width, heads, depth), fused_bias[rows].reshape(heads, depth)]
    arrays += [weights[f"{name}.out_proj.weight"].T.reshape(heads, depth, width), weights[f"{name}.out_proj.bias"]]
    return arrays


def transformer(workload: Dict[str, Any], weights: Weights) -> Tuple[keras.Model, Assignments]:
    """Pre-norm blocks with Keras's MultiHeadAttention (scale 1/√depth on the query, softmax over keys)."""
    model = workload["model"]
    width, heads, length = model["modelWidth"], model["heads"], workload["inputShape"][0]
    vocabulary, positions = weights["token_embedding.weight"].shape[0], weights["position_embedding.weight"].shape[0]
    tokens = keras.Input(shape=(length,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(vocabulary, width, name="token_embedding")(tokens)
    x = LearnedPositions(positions, width, length, name="position_embedding")(x)
    assignments: Assignments = [("token_embedding", [weights["token_embedding.weight"]]),
                                ("position_embedding", [weights["position_embedding.weight"]])]

    def norm(name: str, x: Any) -> Any:
        assignments.append((name.replace(".", "_"), [weights[f"{name}.weight"], weights[f"{name}.bias"]]))
        return keras.layers.LayerNormalization(epsilon=1e-5, name=name.replace(".", "_"))(x)

    for index in range(model["layers"]):
        block = f"blocks.{index}"
        h = norm(f"{block}.norm1", x)
        h = keras.layers.MultiHeadAttention(heads, width // heads, name=f"blocks_{index}_attention")(h, h)
        assignments.append((f"blocks_{index}_attention", attention_weights(weights, f"{block}.attention", width, heads)))
        x = keras.layers.Add()([x, h])
        h = norm(f"{block}.norm2", x)
        h = keras.layers.Dense(model["feedForwardWidth"], activation=gelu_tanh, name=f"blocks_{index}_linear1")(h)
        h = keras.layers.Dense(width, name=f"blocks_{index}_linear2")(h)
        assignments += [(f"blocks_{index}_linear1", dense(weights, f"{block}.linear1")),
                        (f"blocks_{index}_linear2", dense(weights, f"{block}.linear2"))]
        x = keras.layers.Add()([x, h])
    x = norm("final_norm", x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    x = keras.layers.Dense(workload["classes"], name="classifier")(x)
    assignments.append(("classifier", dense(weights, "classifier")))
    return keras.Model(tokens, x, name="transformer"), assignments


# dlbench's gate blocks (i, f, o, g) → Keras's (i, f, c, o): take blocks 0, 1, 3, 2
KERAS_GATE_ORDER = (0, 1, 3, 2)


def gates_to_keras(matrix: np.ndarray) -> np.ndarray:
    blocks = np.split(matrix, 4, axis=-1)
    return np.concatenate([blocks[index] for index in KERAS_GATE_ORDER], axis=-1)


def lstm(workload: Dict[str, Any], weights: Weights) -> Tuple[keras.Model, Assignments]:
    """Embedding → LSTM (last hidden state, zero initial state) → Dense; Keras's one bias takes dlbench's fused one."""
    model = workload["model"]
    vocabulary = weights["embedding.weight"].shape[0]
    tokens = keras.Input(shape=(workload["inputShape"][0],), dtype="int32", name="tokens")
    x = keras.layers.Embedding(vocabulary, model["embeddingWidth"], name="embedding")(tokens)
    x = keras.layers.LSTM(model["hiddenWidth"], activation="tanh", recurrent_activation="sigmoid", name="lstm")(x)
    x = keras.layers.Dense(workload["classes"], name="classifier")(x)
    assignments: Assignments = [
        ("embedding", [weights["embedding.weight"]]),
        ("lstm", [gates_to_keras(weights["lstm.weight_ih"]), gates_to_keras(weights["lstm.weight_hh"]),
                  gates_to_keras(weights["lstm.bias"])]),
        ("classifier", dense(weights, "classifier"))]
    return keras.Model(tokens, x, name="lstm"), assignments


BUILDERS: Dict[str, Callable[[Dict[str, Any], Weights], Tuple[keras.Model, Assignments]]] = {
    "mlp": mlp, "cnn": cnn, "transformer": transformer, "lstm": lstm}


class UsedWeights(dict):
    """The hand-off weights, remembering which names the model read (to refuse files with tensors left over)."""

    def __init__(self, weights: Weights) -> None:
        super().__init__(weights)
        self.used: set = set()

    def __getitem__(self, name: str) -> np.ndarray:
        self.used.add(name)
        return super().__getitem__(name)


def build(workload: Dict[str, Any], weights: Weights) -> keras.Model:
    """The workload's model with the hand-off weights in it; every hand-off tensor must be used and every Keras
    weight set (as `load_state_dict(strict=True)`)."""
    kind = workload["model"]["kind"]
    if kind not in BUILDERS:
        raise WorkerError("unsupported", f"the Keras worker has no {kind} model")
    tracked = UsedWeights(weights)
    try:
        model, assignments = BUILDERS[kind](workload, tracked)
    except KeyError as missing:
        raise WorkerError("failed", f"the hand-off weights lack {missing} for the Keras {kind} model")
    unused = sorted(set(weights) - tracked.used)
    if unused:
        raise WorkerError("failed", f"the Keras {kind} model has no place for hand-off tensors {', '.join(unused)}")
    given = sum(len(arrays) for _, arrays in assignments)
    if given != len(model.weights):
        raise WorkerError("failed", f"the Keras {kind} model has {len(model.weights)} weights but the hand-off "
                                    f"mapping sets {given}")
    for name, arrays in assignments:
        try:
            model.get_layer(name).set_weights([np.ascontiguousarray(array, dtype=np.float32) for array in arrays])
        except ValueError as problem:
            raise WorkerError("failed", f"the hand-off weights do not fit Keras layer '{name}': {problem}")
    return model
