"""`python3 -m dlbench_numpy`: the numpy worker (options: {"mode": "eager", "device": "cpu"}).

numpy's BLAS sizes its thread pool when numpy is first imported, and the workers package imports numpy, so the
request is read here first (stdlib only), `threads.apply` pins the process and sets the pool variables, and only
then is the package's trial loop imported and handed the same request line.
"""
import io
import json
import sys

from dlbench_workers import threads


def requested_threads(line: str) -> int:
    """`external.threads` of the run line; 1 when it is unreadable (the trial loop then reports the request)."""
    try:
        return int(json.loads(line)["external"]["threads"])
    except (ValueError, TypeError, KeyError):
        return 1


def make_backend(workload, handoff):
    from dlbench_workers.numpy_backend import NumpyBackend
    return NumpyBackend(workload, handoff)


def main() -> int:
    line = sys.stdin.readline()
    threads.apply(requested_threads(line))
    sys.stdin = io.StringIO(line)  # measurement.run reads the request from here
    from dlbench_workers import measurement  # imports numpy: after the pools are sized
    return measurement.run("numpy", make_backend)


if __name__ == "__main__":
    sys.exit(main())
