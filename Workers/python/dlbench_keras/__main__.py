"""`python3 -m dlbench_keras`: the Keras 3 worker (options: {"backend": "tensorflow" | "jax" | "torch",
"jitCompile": true | false, "device": "cpu" | "cuda"})."""
import sys

from dlbench_workers import entry


def make_backend(workload, handoff):
    # Imported late: keras_backend picks the Keras backend and thread limits before Keras is imported,
    # and a missing Keras becomes a skip.
    from dlbench_workers.keras_backend import KerasBackend
    return KerasBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("Keras", make_backend))
