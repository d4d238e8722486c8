"""`python3 -m dlbench_tensorflow`: the TensorFlow worker (options: {"mode": "eager" | "function" | "xla",
"device": "cpu" | "cuda"})."""
import os
import sys

# TensorFlow's C++ start-up banner (CPU features, oneDNN notice) would bury the worker's own messages on standard
# error; only its errors are kept. Set before TensorFlow is imported; an explicit setting wins.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from dlbench_workers import entry, threads  # noqa: E402 - after the logging variable


def make_backend(workload, handoff):
    threads.apply(workload["threads"])  # pin CPUs and size the pools before TensorFlow is imported
    from dlbench_workers.tensorflow_backend import TensorFlowBackend  # imported late: a missing TF becomes a skip
    return TensorFlowBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("TensorFlow", make_backend))
