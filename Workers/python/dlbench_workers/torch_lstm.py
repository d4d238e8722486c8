"""dlbench's LSTM classifier on PyTorch's own `nn.LSTM`, with dlbench's checkpoint names and layout at the
state_dict boundary.

Why `nn.LSTM` and not a hand-written cell loop: it is what a PyTorch user runs (one fused ATen kernel per call,
the one `torch.compile` treats as users see it), and it computes dlbench's cell exactly once the weights are
re-arranged. dlbench stores `weight_ih` [E, 4H] and `weight_hh` [H, 4H] (x·W), gate blocks (i, f, o, g), one
fused bias; `nn.LSTM` stores `weight_ih_l0` [4H, E], `weight_hh_l0` [4H, H] (W·x), blocks (i, f, g, o), and two
biases. So loading transposes, swaps the o and g blocks, puts the bias into `bias_ih_l0` and freezes
`bias_hh_l0` at zero (no gradient, so no optimizer — weight decay included — ever moves it). Training then runs
in PyTorch's layout; SGD and Adam are elementwise, so a permuted tensor gets exactly the updates dlbench's gets.
`state_dict()` converts back, so the module loads and saves dlbench's names (`weight_ih`, `weight_hh`, `bias`)
and the frozen zero bias never appears in either.
"""
from __future__ import annotations

from typing import Any, Dict, List

import torch
from torch import nn

DLBENCH_NAMES = ("weight_ih", "weight_hh", "bias")


def swap_output_and_candidate(blocks: torch.Tensor, hidden: int) -> torch.Tensor:
    """(i, f, o, g) ⇄ (i, f, g, o) along dim 0: the same swap converts both ways."""
    i_f, third, fourth = blocks[: 2 * hidden], blocks[2 * hidden: 3 * hidden], blocks[3 * hidden:]
    return torch.cat([i_f, fourth, third])


class DlbenchLSTM(nn.Module):
    """Single-layer, batch-first `nn.LSTM` returning the last hidden state [B, H] from h0 = c0 = 0."""

    def __init__(self, inputs: int, hidden: int) -> None:
        super().__init__()
        self.hidden = hidden
        self.rnn = nn.LSTM(inputs, hidden, batch_first=True)
        with torch.no_grad():
            self.rnn.bias_hh_l0.zero_()
        self.rnn.bias_hh_l0.requires_grad_(False)
        self._register_load_state_dict_pre_hook(self._from_dlbench_layout)
        self._register_state_dict_hook(DlbenchLSTM._to_dlbench_layout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (last_hidden, _) = self.rnn(x)
        return last_hidden[0]

    def _from_dlbench_layout(self, state: Dict[str, Any], prefix: str, _metadata: Any, _strict: bool,
                             missing: List[str], *_: Any) -> None:
        """Rewrites dlbench's three tensors into nn.LSTM's four in `state`. If any is absent, strict loading
        reports it under dlbench's name and nn.LSTM keeps its tensors (rather than naming nn.LSTM's four)."""
        absent = [prefix + name for name in DLBENCH_NAMES if prefix + name not in state]
        if absent:
            missing.extend(absent)
            for name in DLBENCH_NAMES:
                state.pop(prefix + name, None)
            for name, value in self.rnn.state_dict().items():
                state[prefix + "rnn." + name] = value
            return
        weight_ih, weight_hh, bias = (state.pop(prefix + name) for name in DLBENCH_NAMES)
        state[prefix + "rnn.weight_ih_l0"] = swap_output_and_candidate(weight_ih.t(), self.hidden)
        state[prefix + "rnn.weight_hh_l0"] = swap_output_and_candidate(weight_hh.t(), self.hidden)
        state[prefix + "rnn.bias_ih_l0"] = swap_output_and_candidate(bias, self.hidden)
        state[prefix + "rnn.bias_hh_l0"] = torch.zeros_like(bias)

    @staticmethod
    def _to_dlbench_layout(module: "DlbenchLSTM", state: Dict[str, Any], prefix: str, _: Any) -> None:
        """The inverse of `_from_dlbench_layout`; the frozen zero `bias_hh` is dropped (dlbench has no such tensor)."""
        rnn = prefix + "rnn."
        weight_ih, weight_hh = state.pop(rnn + "weight_ih_l0"), state.pop(rnn + "weight_hh_l0")
        bias = state.pop(rnn + "bias_ih_l0") + state.pop(rnn + "bias_hh_l0")
        state[prefix + "weight_ih"] = swap_output_and_candidate(weight_ih, module.hidden).t()
        state[prefix + "weight_hh"] = swap_output_and_candidate(weight_hh, module.hidden).t()
        state[prefix + "bias"] = swap_output_and_candidate(bias, module.hidden)


class LSTMClassifier(nn.Module):
    """Embedding → `DlbenchLSTM` → Linear from the last hidden state (names `embedding`, `lstm`, `classifier`)."""

    def __init__(self, vocabulary: int, embedding_width: int, hidden_width: int, classes: int) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, embedding_width)
        self.lstm = DlbenchLSTM(embedding_width, hidden_width)
        self.classifier = nn.Linear(hidden_width, classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.lstm(self.embedding(tokens)))
