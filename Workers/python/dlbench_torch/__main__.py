"""`python3 -m dlbench_torch`: the PyTorch worker (options: {"mode": "eager" | "compile", "compileMode": …})."""
import sys

from dlbench_workers import entry


def make_backend(workload, handoff):
    from dlbench_workers.torch_backend import TorchBackend  # imported late: a missing torch becomes a skip
    return TorchBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("PyTorch", make_backend))
