"""`Workers/python/.venv-mxnet/bin/python -m dlbench_mxnet`: the MXNet worker
(options: {"mode": "imperative" | "hybridize", "device": "cpu" | "cuda"})."""
import sys

from dlbench_workers import entry


def make_backend(workload, handoff):
    # Imported late: the backend sizes the thread pools before MXNet is imported, and a missing MXNet becomes a skip.
    from dlbench_workers.mxnet_backend import MxnetBackend
    return MxnetBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("MXNet", make_backend))
