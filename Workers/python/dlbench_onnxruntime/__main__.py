"""`python3 -m dlbench_onnxruntime`: the ONNX Runtime worker, infer tasks only
(options: {"graphOptimization": "disabled" | "basic" | "extended" | "all", "device": "cpu" | "cuda",
"intraOpSpinning": true | false})."""
import sys

from dlbench_workers import entry, threads
from dlbench_workers.wire import WorkerError


def make_backend(workload, handoff):
    if workload.get("taskKind") != "infer":
        # ONNX Runtime's training API (onnxruntime-training) is a different package with its own graph format.
        raise WorkerError("unsupported", "ONNX Runtime here runs inference only: train tasks are skipped")
    threads.apply(workload["threads"])  # before onnxruntime is imported, so its pools start on the pinned CPUs
    from dlbench_workers.onnxruntime_backend import OnnxRuntimeBackend  # imported late: a missing package is a skip
    return OnnxRuntimeBackend(workload, handoff)


if __name__ == "__main__":
    sys.exit(entry.run("ONNX Runtime", make_backend))
