"""`python3 -m dlbench_numpy`: the numpy worker (options: {"mode": "eager", "device": "cpu"})."""
import sys

from dlbench_workers import entry


def make_backend(workload, handoff):
    from dlbench_workers.numpy_backend import NumpyBackend
    return NumpyBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("numpy", make_backend))
