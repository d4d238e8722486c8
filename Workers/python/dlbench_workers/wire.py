"""The worker side of dlbench's JSON-lines worker protocol (version 1)."""
from __future__ import annotations

import json
import math
import os
import sys
from typing import Any, Dict, List, Optional

PROTOCOL_VERSION = 1


class WorkerError(Exception):
    """Ends the trial with an `error` message of `kind` (`unsupported` skips the case)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _number(value: float) -> Any:
    """JSON has no NaN or infinities; the protocol spells them as strings."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def send(message: Dict[str, Any]) -> None:
    """One object per line, flushed at once so the parent sees progress live."""
    sys.stdout.write(json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n")
    sys.stdout.flush()


def hello() -> None:
    send({"type": "hello", "version": PROTOCOL_VERSION, "pid": os.getpid()})


def progress(phase: str, step: int, total: int) -> None:
    send({"type": "progress", "phase": phase, "step": step, "total": total})


def samples(values: List[Dict[str, Any]], remarks: Optional[List[str]] = None) -> None:
    """`remarks`: what the trial could not measure and why, one line each (dlbench shows them as run warnings)."""
    message: Dict[str, Any] = {"type": "samples", "samples": [dict(item, value=_number(item["value"])) for item in values]}
    if remarks:
        message["remarks"] = remarks
    send(message)


def result(peak_rss_bytes: Optional[int], losses: List[float], logits: Optional[List[List[float]]] = None) -> None:
    """`logits`: infer tasks' logits of the first `agreementSteps` query batches, each flattened row-major."""
    message: Dict[str, Any] = {"type": "result", "losses": [_number(loss) for loss in losses]}
    if logits is not None:
        message["logits"] = [[_number(value) for value in batch] for batch in logits]
    if peak_rss_bytes is not None:
        message["peakRSSBytes"] = peak_rss_bytes
    send(message)


def error(kind: str, text: str) -> None:
    send({"type": "error", "kind": kind, "message": " ".join(text.split())})


def read_request() -> Dict[str, Any]:
    """The one `run` line; refuses anything else with an error of kind `request`."""
    line = sys.stdin.readline()
    try:
        request = json.loads(line)
    except json.JSONDecodeError as problem:
        raise WorkerError("request", f"expected one 'run' message as a JSON line on standard input ({problem})")
    if not isinstance(request, dict) or request.get("type") != "run":
        raise WorkerError("request", "expected one 'run' message as a JSON line on standard input")
    if request.get("version") != PROTOCOL_VERSION:
        raise WorkerError("request", f"worker protocol version {request.get('version')} is not {PROTOCOL_VERSION}; "
                                     "update the workers package")
    if not isinstance(request.get("external"), dict):
        raise WorkerError("request", "the run request has no 'external' workload; start this worker from an engine "
                                     "of kind 'external'")
    return request
