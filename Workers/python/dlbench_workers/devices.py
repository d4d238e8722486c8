"""The `device` option every reference worker takes: `cpu` (the default) or `cuda`."""
from __future__ import annotations

from typing import Any, Dict

from .wire import WorkerError

DEVICES = ("cpu", "cuda")


def requested(workload: Dict[str, Any]) -> str:
    """`external.options.device`, checked; a CUDA device that is missing is the backend's to report (`unsupported`)."""
    device = (workload.get("options") or {}).get("device", "cpu")
    if device not in DEVICES:
        raise WorkerError("request", f"options.device '{device}' is not one of {', '.join(DEVICES)}")
    return device
