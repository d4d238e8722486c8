"""Reads float32 safetensors files (the hand-off format) with numpy only."""
from __future__ import annotations

import json
import struct
from typing import Dict

import numpy as np

from .wire import WorkerError


def read(path: str) -> Dict[str, np.ndarray]:
    """Every tensor of the file by name; only F32 is accepted, as dlbench writes nothing else."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as problem:
        raise WorkerError("failed", f"cannot read hand-off file {path}: {problem}")
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_length])
    body = memoryview(data)[8 + header_length:]
    tensors: Dict[str, np.ndarray] = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise WorkerError("failed", f"{path}: tensor '{name}' has dtype {entry['dtype']}; expected F32")
        begin, end = entry["data_offsets"]
        values = np.frombuffer(body[begin:end], dtype="<f4")
        tensors[name] = values.reshape(entry["shape"]).copy()
    return tensors
