"""Where every reference worker starts: dlbench's thread policy before numpy or any framework is imported.

The trial loop imports numpy, whose OpenBLAS starts its thread pool at import and ignores later settings, and a
framework's pools start when it loads; so the `run` line is read here with the standard library alone, the policy
(`threads.apply`: pin to the first N allowed CPUs, size every pool N) is applied while the process has one thread
— every thread started later inherits it — and only then is the trial loop imported and handed the same line.
"""
from __future__ import annotations

import io
import json
import sys
from typing import Any, Callable

from . import threads


def requested_threads(line: str) -> int:
    """`external.threads` of the run line; 1 when it is unreadable (the trial loop then reports the request)."""
    try:
        return int(json.loads(line)["external"]["threads"])
    except (ValueError, TypeError, KeyError):
        return 1


def run(framework: str, make_backend: Callable[..., Any]) -> int:
    line = sys.stdin.readline()
    threads.apply(requested_threads(line))
    sys.stdin = io.StringIO(line)  # measurement.run reads the request from here
    from . import measurement  # imports numpy: after the pools are sized
    return measurement.run(framework, make_backend)
