"""ONNX Runtime backend: the task's model exported to ONNX (onnx_export.py), run by an `InferenceSession`.

A query is `session.run_with_iobinding` on an IO binding prepared before timing: the input OrtValue (on the
session's device) and a preallocated `logits` OrtValue are bound once per distinct batch, so the timed call is the
graph alone — no numpy conversion, no output allocation, no host↔device copy on CUDA.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Dict, Tuple

import numpy as np

from . import devices
from .handoff import HandOff
from .wire import WorkerError

try:
    import onnx
    import onnxruntime as ort
except ImportError as missing:  # the parent records this as a skip with the reason
    raise WorkerError("unsupported", f"{missing.name or 'onnxruntime'} not installed: "
                                     "run scripts/install-python-workers.sh onnxruntime") from missing

from . import onnx_export

# `options.graphOptimization`: ONNX Runtime's graph optimisation levels (constant folding and redundant-node
# removal and simple fusions at basic; Gemm+activation, LayerNorm, GELU, attention fusions at extended; NCHWc and
# other layout changes at all).
OPTIMIZATION_LEVELS = {
    "disabled": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
    "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
    "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
    "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
}
PROVIDERS = {"cpu": "CPUExecutionProvider", "cuda": "CUDAExecutionProvider"}


@dataclass
class BoundQuery:
    """One prepared batch: its binding and the OrtValues it points at (kept alive alongside it)."""

    binding: Any
    inputs: Any
    logits: Any


class OnnxRuntimeBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        options = workload.get("options") or {}
        level = options.get("graphOptimization", "all")
        if level not in OPTIMIZATION_LEVELS:
            raise WorkerError("request", f"options.graphOptimization '{level}' is not one of "
                                         f"{', '.join(OPTIMIZATION_LEVELS)}")
        kind = workload["model"]["kind"]
        if kind not in onnx_export.BUILDERS:
            raise WorkerError("unsupported", f"the ONNX Runtime worker has no {kind} model")
        self.device = devices.requested(workload)
        provider = PROVIDERS[self.device]
        if provider not in ort.get_available_providers():
            raise WorkerError("unsupported", f"this onnxruntime has no {provider} (it has "
                                             f"{', '.join(ort.get_available_providers())}); for CUDA install "
                                             "onnxruntime-gpu instead of onnxruntime")
        try:
            model = onnx_export.export(workload, handoff.weights)
        except (KeyError, ValueError, onnx.checker.ValidationError) as problem:
            raise WorkerError("failed", f"cannot build the ONNX graph from the hand-off weights: {problem}")
        settings = ort.SessionOptions()
        settings.intra_op_num_threads = workload["threads"]
        settings.inter_op_num_threads = 1
        settings.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        settings.graph_optimization_level = OPTIMIZATION_LEVELS[level]
        spinning = options.get("intraOpSpinning", True)
        if not isinstance(spinning, bool):
            raise WorkerError("request", f"options.intraOpSpinning must be true or false, not {spinning!r}")
        # ORT's pool threads spin-wait for the next parallel section by default: lowest latency back to back, but a
        # burnt core between spaced queries (the server scenario) and one less core for everything else.
        settings.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
        # On CUDA, the CPU provider takes any node without a CUDA kernel (ONNX Runtime's own fallback rule).
        providers = [provider] if self.device == "cpu" else [provider, PROVIDERS["cpu"]]
        try:
            self.session = ort.InferenceSession(model.SerializeToString(), sess_options=settings, providers=providers)
        except Exception as problem:  # noqa: BLE001 - onnxruntime raises its own exception types
            raise WorkerError("failed", f"ONNX Runtime refused the exported graph: {problem}")
        if provider not in self.session.get_providers():  # e.g. CUDA libraries missing: ORT falls back silently
            raise WorkerError("unsupported", f"ONNX Runtime could not start {provider} (session providers: "
                                             f"{', '.join(self.session.get_providers())})")
        self.tokens = onnx_export.takes_tokens(workload)
        self.classes = onnx_export.output_width(workload)
        # The protocol has no metric for the settings, so they are stated once on standard error.
        print(f"dlbench_onnxruntime: onnxruntime {ort.__version__}, opset {onnx_export.OPSET}, graph optimisation "
              f"'{level}', providers {self.session.get_providers()}, intra-op threads {workload['threads']}"
              f"{'' if spinning else ' (no spinning)'}, inter-op 1, sequential; query = run_with_iobinding",
              file=sys.stderr, flush=True)

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[BoundQuery, np.ndarray]:
        """Binds the batch (token ids cast to int64) and a preallocated logits buffer on the session's device."""
        values = np.ascontiguousarray(inputs, dtype=np.int64 if self.tokens else np.float32)
        bound = ort.OrtValue.ortvalue_from_numpy(values, self.device, 0)
        logits = ort.OrtValue.ortvalue_from_shape_and_type([len(values), self.classes], np.float32, self.device, 0)
        binding = self.session.io_binding()
        binding.bind_ortvalue_input(onnx_export.INPUT, bound)
        binding.bind_ortvalue_output(onnx_export.OUTPUT, logits)
        return BoundQuery(binding, bound, logits), labels

    def train_step(self, inputs: Any, labels: Any) -> float:
        raise WorkerError("unsupported", "ONNX Runtime here runs inference only: train tasks are skipped")

    def predict(self, query: BoundQuery) -> np.ndarray:
        self.infer(query)
        return query.binding.copy_outputs_to_cpu()[0]

    def infer(self, query: BoundQuery) -> None:
        """One query; `run_with_iobinding` returns after the providers synchronised (ORT's default run options),
        and on CUDA the outputs are synchronised explicitly as well."""
        self.session.run_with_iobinding(query.binding)
        if self.device != "cpu":
            query.binding.synchronize_outputs()
