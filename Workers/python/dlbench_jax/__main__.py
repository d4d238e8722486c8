"""`python3 -m dlbench_jax`: the JAX worker (options: {"mode": "jit" | "eager"})."""
import sys

from dlbench_workers import entry


def make_backend(workload, handoff):
    from dlbench_workers.jax_backend import JaxBackend  # sets XLA flags before JAX is imported
    return JaxBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("JAX", make_backend))
