"""dlbench's LSTM classifier in numpy (dlbench's layout, not nn.LSTM's) with backpropagation through time.

Embedding [V, E] → one LSTM layer (`lstm.weight_ih` [E, 4H], `lstm.weight_hh` [H, 4H], one fused `lstm.bias`
[4H], gate blocks (i, f, o, g); h0 = c0 = 0) → Linear from the last hidden state. As dlbench does, the input
projection of all steps is one GEMM before the loop (time-major, so each step's slice is contiguous), and the
backward sums the weight gradients of all steps in one GEMM each after the loop.
"""
from __future__ import annotations

from typing import Any, Dict

import numpy as np

from . import numpy_layers as layers
from .numpy_models import Model, WeightLoader


class LSTMClassifier(Model):
    def __init__(self, model: Dict[str, Any], classes: int, loader: WeightLoader) -> None:
        embedding, hidden = model["embeddingWidth"], model["hiddenWidth"]
        vocabulary = loader.weights.get("embedding.weight", np.zeros((0, embedding))).shape[0]
        self.hidden = hidden
        shapes = {"embedding.weight": (vocabulary, embedding), "lstm.weight_ih": (embedding, 4 * hidden),
                  "lstm.weight_hh": (hidden, 4 * hidden), "lstm.bias": (4 * hidden,),
                  "classifier.weight": (classes, hidden), "classifier.bias": (classes,)}
        self.parameters = {name: loader.take(name, shape) for name, shape in shapes.items()}
        self._allocate_gradients()

    def _time_major_tokens(self, inputs: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(inputs.T, dtype=np.intp)  # [S, B]

    def _run(self, tokens: np.ndarray, keep: bool):
        """The recurrence; with `keep`, every step's gates, cells and hidden states for the backward."""
        length, batch = tokens.shape
        h = self.hidden
        p = self.parameters
        embedded = p["embedding.weight"][tokens]  # [S, B, E]
        projected = embedded @ p["lstm.weight_ih"]
        projected += p["lstm.bias"]
        states = np.zeros((length + 1, batch, h), np.float32) if keep else None  # h_{t-1} for step t at [t]
        cells = np.zeros((length + 1, batch, h), np.float32) if keep else None
        hidden_state = np.zeros((batch, h), np.float32)
        cell = np.zeros((batch, h), np.float32)
        for step in range(length):
            gates = projected[step]
            if step:
                gates += hidden_state @ p["lstm.weight_hh"]
            sigmoids = layers.sigmoid(gates[:, :3 * h])  # in place: `projected` keeps the activated gates
            candidate = np.tanh(gates[:, 3 * h:], out=gates[:, 3 * h:])
            cell = sigmoids[:, :h] * candidate + sigmoids[:, h:2 * h] * cell
            hidden_state = sigmoids[:, 2 * h:] * np.tanh(cell)
            if keep:
                cells[step + 1], states[step + 1] = cell, hidden_state
        return hidden_state, (embedded, projected, states, cells)

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        last, _ = self._run(self._time_major_tokens(inputs), keep=False)
        return layers.linear(last, self.parameters["classifier.weight"], self.parameters["classifier.bias"])

    def loss_and_gradients(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        tokens = self._time_major_tokens(inputs)
        last, (embedded, activated, states, cells) = self._run(tokens, keep=True)
        p, g, h = self.parameters, self.gradients, self.hidden
        loss, d = layers.cross_entropy(layers.linear(last, p["classifier.weight"], p["classifier.bias"]), labels)
        d_hidden = layers.linear_backward(d, last, p["classifier.weight"], g["classifier.weight"], g["classifier.bias"])
        d_cell = np.zeros_like(d_hidden)
        d_gates = np.empty_like(activated)  # [S, B, 4H], gradients of the pre-activations
        for step in range(tokens.shape[0] - 1, -1, -1):
            gate = activated[step]
            inputs_gate, forget, output, candidate = gate[:, :h], gate[:, h:2 * h], gate[:, 2 * h:3 * h], gate[:, 3 * h:]
            cell_tanh = np.tanh(cells[step + 1])
            d_cell += d_hidden * output * (1.0 - cell_tanh * cell_tanh)
            target = d_gates[step]
            np.multiply(d_cell * candidate, inputs_gate * (1.0 - inputs_gate), out=target[:, :h])
            np.multiply(d_cell * cells[step], forget * (1.0 - forget), out=target[:, h:2 * h])
            np.multiply(d_hidden * cell_tanh, output * (1.0 - output), out=target[:, 2 * h:3 * h])
            np.multiply(d_cell * inputs_gate, 1.0 - candidate * candidate, out=target[:, 3 * h:])
            d_cell *= forget
            if step:
                d_hidden = target @ p["lstm.weight_hh"].T
        rows = d_gates.reshape(-1, 4 * h)
        np.matmul(states[:-1].reshape(-1, h).T, rows, out=g["lstm.weight_hh"])
        np.matmul(embedded.reshape(-1, embedded.shape[-1]).T, rows, out=g["lstm.weight_ih"])
        layers.column_sums(rows, g["lstm.bias"])
        g["embedding.weight"].fill(0.0)
        np.add.at(g["embedding.weight"], tokens.reshape(-1), rows @ p["lstm.weight_ih"].T)
        return loss
