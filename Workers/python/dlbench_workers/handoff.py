"""The files dlbench hands over: dataset, initial weights, and the trial's batch order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

import numpy as np

from . import safetensors_io


@dataclass
class HandOff:
    """Everything a trial reads from disk, loaded before any timed region."""

    weights: Dict[str, np.ndarray]
    train_features: np.ndarray
    train_labels: np.ndarray
    test_features: np.ndarray
    test_labels: np.ndarray
    batches: List[np.ndarray]

    @staticmethod
    def load(workload: Dict[str, Any]) -> "HandOff":
        files = workload["files"]
        data = safetensors_io.read(files["data"])
        batches: List[np.ndarray] = []
        if files.get("batches"):  # infer tasks have none: their queries are consecutive test batches
            order = safetensors_io.read(files["batches"])
            indices = order["indices"].astype(np.int64)
            sizes = order["batchSizes"].astype(np.int64)
            offsets = np.concatenate([[0], np.cumsum(sizes)])
            batches = [indices[offsets[step]:offsets[step + 1]] for step in range(len(sizes))]
        return HandOff(
            weights=safetensors_io.read(files["weights"]),
            train_features=data["train.features"], train_labels=data["train.labels"].astype(np.int64),
            test_features=data["test.features"], test_labels=data["test.labels"].astype(np.int64),
            batches=batches)

    def batch(self, step: int) -> Tuple[np.ndarray, np.ndarray]:
        """Inputs and labels of training step `step`, exactly as dlbench cut them."""
        rows = self.batches[step]
        return self.train_features[rows], self.train_labels[rows]

    def test_batches(self, size: int = 256) -> List[Tuple[np.ndarray, np.ndarray]]:
        return [(self.test_features[start:start + size], self.test_labels[start:start + size])
                for start in range(0, len(self.test_labels), size)]
