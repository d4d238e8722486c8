"""dlbench's MLP and CNN in numpy with hand-written backward passes, and the strict weight loader every numpy
model shares. A model keeps `parameters` (its own layouts, float32, contiguous) and `gradients` (same keys and
shapes, preallocated and overwritten each step); the optimizer is elementwise, so a layout that is a fixed
permutation of PyTorch's (the CNN's OHWI convolutions and NHWC-ordered classifier) trains identically."""
from __future__ import annotations

import math
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np

from . import numpy_conv as conv
from . import numpy_layers as layers
from .wire import WorkerError


class WeightLoader:
    """Takes hand-off tensors by name with the shape the workload implies; `finish` refuses leftovers, so a
    hand-off that does not fit the model fails loudly (as `load_state_dict(strict=True)`)."""

    def __init__(self, weights: Dict[str, np.ndarray]) -> None:
        self.weights, self.taken = weights, set()

    def take(self, name: str, shape: Sequence[int]) -> np.ndarray:
        if name not in self.weights:
            raise WorkerError("failed", f"the hand-off weights lack '{name}' (the numpy model expects {list(shape)})")
        value = self.weights[name]
        if tuple(value.shape) != tuple(shape):
            raise WorkerError("failed", f"hand-off weight '{name}' is {list(value.shape)}; the numpy model expects "
                                        f"{list(shape)}")
        self.taken.add(name)
        return np.ascontiguousarray(value, dtype=np.float32)

    def finish(self) -> None:
        extra = sorted(set(self.weights) - self.taken)
        if extra:
            raise WorkerError("failed", f"the hand-off weights have tensors the numpy model does not use: {extra[:5]}")


class Model:
    """Shared bookkeeping: parameters, zeroed gradient buffers of the same shapes."""

    parameters: Dict[str, np.ndarray]
    gradients: Dict[str, np.ndarray]

    def _allocate_gradients(self) -> None:
        self.gradients = {name: np.zeros_like(value) for name, value in self.parameters.items()}

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Logits without keeping anything for a backward pass (inference)."""
        raise NotImplementedError

    def loss_and_gradients(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        """Mean cross-entropy of the batch; fills `gradients`."""
        raise NotImplementedError


class MLP(Model):
    """Flatten → (Linear → activation) per hidden width → Linear; names `layers.i.weight` [out, in], `.bias`."""

    def __init__(self, inputs: int, hidden: List[int], classes: int, activation: str,
                 loader: WeightLoader) -> None:
        if activation not in layers.ACTIVATIONS:
            raise WorkerError("unsupported", f"the numpy worker has no '{activation}' activation")
        self.activate, self.activate_train, self.activation_backward = layers.ACTIVATIONS[activation]
        widths = [inputs] + hidden + [classes]
        self.parameters = {}
        for index in range(len(widths) - 1):
            self.parameters[f"layers.{index}.weight"] = loader.take(f"layers.{index}.weight",
                                                                    (widths[index + 1], widths[index]))
            self.parameters[f"layers.{index}.bias"] = loader.take(f"layers.{index}.bias", (widths[index + 1],))
        self._allocate_gradients()
        count = len(widths) - 1
        self.layers = [(self.parameters[f"layers.{i}.weight"], self.parameters[f"layers.{i}.bias"]) for i in range(count)]
        self.layer_gradients = [(self.gradients[f"layers.{i}.weight"], self.gradients[f"layers.{i}.bias"])
                                for i in range(count)]

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        x = inputs.reshape(inputs.shape[0], -1)
        for weight, bias in self.layers[:-1]:
            x = self.activate(layers.linear(x, weight, bias))
        return layers.linear(x, *self.layers[-1])

    def loss_and_gradients(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        activations = [inputs.reshape(inputs.shape[0], -1)]
        saved: List[Any] = [None]  # what each activation's backward reads
        for weight, bias in self.layers[:-1]:
            y, kept = self.activate_train(layers.linear(activations[-1], weight, bias))
            activations.append(y)
            saved.append(kept)
        loss, d = layers.cross_entropy(layers.linear(activations[-1], *self.layers[-1]), labels)
        for index in range(len(self.layers) - 1, -1, -1):
            (weight, _), (weight_grad, bias_grad) = self.layers[index], self.layer_gradients[index]
            d = layers.linear_backward(d, activations[index], weight, weight_grad, bias_grad, index > 0)
            if index > 0:
                d = self.activation_backward(d, saved[index])
        return loss


class CNN(Model):
    """conv → ReLU → max-pool per stage (`features.i.conv`), flatten, Linear (`classifier`); NHWC inside."""

    def __init__(self, shape: List[int], model: Dict[str, Any], classes: int, loader: WeightLoader) -> None:
        channels, height, width = shape
        self.pool = model["pool"]
        self.stages: List[Tuple[str, int, int]] = []  # (name, kernel, padding)
        self.parameters = {}
        for index, (convolution, padding) in enumerate(zip(model["convolutions"], model["padding"])):
            name, kernel, outputs = f"features.{index}.conv", convolution["kernel"], convolution["channels"]
            self.parameters[f"{name}.weight"] = conv.conv_weight_rows(
                loader.take(f"{name}.weight", (outputs, channels, kernel, kernel)))
            self.parameters[f"{name}.bias"] = loader.take(f"{name}.bias", (outputs,))
            self.stages.append((name, kernel, padding))
            height, width = height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1
            if self.pool > 1:
                height, width = height // self.pool, width // self.pool
            channels = outputs
        # PyTorch flattens (C, H, W); NHWC flattens (H, W, C): permute the classifier's columns once.
        classifier = loader.take("classifier.weight", (classes, channels * height * width))
        self.parameters["classifier.weight"] = np.ascontiguousarray(
            classifier.reshape(classes, channels, height, width).transpose(0, 2, 3, 1).reshape(classes, -1))
        self.parameters["classifier.bias"] = loader.take("classifier.bias", (classes,))
        self._allocate_gradients()

    @staticmethod
    def _nhwc(inputs: np.ndarray) -> np.ndarray:
        """NCHW → NHWC; a free view when there is one channel (the digits)."""
        if inputs.shape[1] == 1:
            return inputs.reshape(inputs.shape[0], inputs.shape[2], inputs.shape[3], 1)
        return np.ascontiguousarray(inputs.transpose(0, 2, 3, 1))

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        x = self._nhwc(inputs)
        for name, kernel, padding in self.stages:
            x, _ = conv.conv2d(x, self.parameters[f"{name}.weight"], self.parameters[f"{name}.bias"], kernel, padding)
            np.maximum(x, 0.0, out=x)
            if self.pool > 1:
                x = conv.max_pool_forward(x, self.pool)
        return layers.linear(x.reshape(x.shape[0], -1), self.parameters["classifier.weight"],
                             self.parameters["classifier.bias"])

    def loss_and_gradients(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        x, saved = self._nhwc(inputs), []
        for name, kernel, padding in self.stages:
            input_shape = x.shape
            x, columns = conv.conv2d(x, self.parameters[f"{name}.weight"], self.parameters[f"{name}.bias"],
                                     kernel, padding)
            np.maximum(x, 0.0, out=x)
            rectified, winners = x, None
            if self.pool > 1:
                x, winners = conv.max_pool_train(x, self.pool)
            saved.append((input_shape, columns, rectified, winners))
        flat = x.reshape(x.shape[0], -1)
        loss, d = layers.cross_entropy(layers.linear(flat, self.parameters["classifier.weight"],
                                                     self.parameters["classifier.bias"]), labels)
        d = layers.linear_backward(d, flat, self.parameters["classifier.weight"],
                                   self.gradients["classifier.weight"], self.gradients["classifier.bias"])
        d = d.reshape(x.shape)
        for index in range(len(self.stages) - 1, -1, -1):
            (name, kernel, padding), (input_shape, columns, rectified, winners) = self.stages[index], saved[index]
            if winners is not None:
                d = conv.max_pool_backward(d, winners, rectified.shape, self.pool)
            d = layers.relu_backward(np.ascontiguousarray(d), rectified)
            d = conv.conv2d_backward(d, columns, self.parameters[f"{name}.weight"], self.gradients[f"{name}.weight"],
                                     self.gradients[f"{name}.bias"], input_shape, kernel, padding, index > 0)
        return loss


def build(workload: Dict[str, Any], weights: Dict[str, np.ndarray]) -> Model:
    """The workload's model from the hand-off weights (checked strictly: names and shapes)."""
    model, shape, classes = workload["model"], workload["inputShape"], workload["classes"]
    loader = WeightLoader(weights)
    kind = model["kind"]
    if kind == "mlp":
        built: Model = MLP(math.prod(shape), model["hidden"], classes, model["activation"], loader)
    elif kind == "cnn":
        built = CNN(shape, model, classes, loader)
    elif kind == "transformer":
        from .numpy_transformer import Transformer
        built = Transformer(shape[0], model, classes, loader)
    elif kind == "lstm":
        from .numpy_lstm import LSTMClassifier
        built = LSTMClassifier(model, classes, loader)
    else:
        raise WorkerError("unsupported", f"the numpy worker has no '{kind}' model")
    loader.finish()
    return built
