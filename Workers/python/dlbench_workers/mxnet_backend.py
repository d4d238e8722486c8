"""MXNet 1.9 backend: Gluon blocks run op by op under `autograd.record` (`mode: imperative`) or as one cached graph
(`mode: hybridize`, `hybridize(static_alloc=True, static_shape=True)` around forward + loss); the optimizer is
imperative NDArray code in both (mxnet_optimizers.py).

MXNet's engine is asynchronous: an operator call only enqueues work. So every step and query ends with
`mx.nd.waitall()` — the clock must include the update, not just its scheduling — and the batches are converted
(and waited for) in `prepare`, outside the timed region.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Tuple

import numpy as np

from . import devices, threads
from .handoff import HandOff
from .wire import WorkerError

MODES = ("imperative", "hybridize")
MODEL_KINDS = ("mlp", "cnn", "transformer", "lstm")
TOKEN_MODELS = ("transformer", "lstm")
INSTALL_HINT = "run the worker with Workers/python/.venv-mxnet/bin/python (scripts/install-python-workers.sh mxnet)"


def size_thread_pools(count: int) -> None:
    """Before `import mxnet`, which reads these once: OpenMP (intra-op, via threads.apply) and the engine's CPU
    worker threads (inter-op) both get the machine's thread count, on that many pinned CPUs."""
    threads.apply(count)
    os.environ["MXNET_CPU_WORKER_NTHREADS"] = str(max(1, int(count)))


def import_mxnet() -> Any:
    """`mxnet`, or an `unsupported` error that says what to install: the module, its system libraries, or numpy < 1.24."""
    try:
        import mxnet
    except ModuleNotFoundError as missing:
        raise WorkerError("unsupported", f"MXNet not installed ({missing}): {INSTALL_HINT}") from missing
    except OSError as problem:  # libmxnet.so could not load a shared library it links
        raise WorkerError("unsupported", f"MXNet's native library does not load ({problem}): install the system "
                                         "library it names (apt-get install libgomp1 libquadmath0)") from problem
    except Exception as problem:  # noqa: BLE001 - numpy >= 1.24 removed aliases (np.bool) MXNet 1.9 uses at import
        first_line = (str(problem).splitlines() or [""])[0]
        raise WorkerError("unsupported", f"MXNet does not import with numpy {np.__version__} "
                                         f"({type(problem).__name__}: {first_line}): MXNet 1.9 needs numpy<1.24; "
                                         f"{INSTALL_HINT}") from problem
    return mxnet


def context(mx: Any, device: str) -> Any:
    if device == "cpu":
        return mx.cpu()
    try:
        gpus = mx.context.num_gpus()
    except mx.base.MXNetError:
        gpus = 0
    if gpus == 0:
        raise WorkerError("unsupported", "options.device 'cuda': MXNet sees no GPU (the 'mxnet' wheel is CPU-only; "
                                         "install a CUDA build, e.g. mxnet-cu112, into Workers/python/.venv-mxnet)")
    return mx.gpu(0)


class MxnetBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        size_thread_pools(workload["threads"])
        mode = (workload.get("options") or {}).get("mode", "imperative")
        if mode not in MODES:
            raise WorkerError("request", f"options.mode '{mode}' is not 'imperative' or 'hybridize'")
        kind = workload["model"]["kind"]
        if kind not in MODEL_KINDS:
            raise WorkerError("unsupported", f"the MXNet worker has no {kind} model")
        mx = import_mxnet()
        from . import mxnet_models, mxnet_optimizers  # they import mxnet: only after the pools are sized
        self.mx, self.context = mx, context(mx, devices.requested(workload))
        self.input_type = "int32" if kind in TOKEN_MODELS else "float32"
        self.model = mxnet_models.build(workload, handoff.weights)
        training = bool(workload.get("optimizer"))  # infer tasks carry no optimizer: nothing is trained
        parameters = self.load(mxnet_models.dlbench_parameters(self.model), handoff.weights, training)
        self.objective = mxnet_models.CrossEntropy(self.model)
        if mode == "hybridize":
            self.objective.hybridize(static_alloc=True, static_shape=True)  # hybridizes the model as well
        self.update = mxnet_optimizers.make(workload["optimizer"], list(parameters.values())) if training else None

    def load(self, parameters: Dict[str, Any], weights: Dict[str, np.ndarray], training: bool) -> Dict[str, Any]:
        """Puts the hand-off tensors into the Gluon parameters, strictly: same names, same shapes."""
        missing, unexpected = sorted(set(parameters) - set(weights)), sorted(set(weights) - set(parameters))
        if missing or unexpected:
            raise WorkerError("failed", f"the hand-off weights do not fit the MXNet model: missing {missing}, "
                                        f"unexpected {unexpected}")
        for name, parameter in parameters.items():
            if tuple(parameter.shape) != weights[name].shape:
                raise WorkerError("failed", f"hand-off tensor '{name}' has shape {list(weights[name].shape)}; the MXNet "
                                            f"model expects {list(parameter.shape)}")
            if not training:
                parameter.grad_req = "null"
        self.model.initialize(self.mx.init.Zero(), ctx=self.context)  # placeholders, overwritten at once
        for name, parameter in parameters.items():
            parameter.set_data(self.mx.nd.array(weights[name], ctx=self.context, dtype="float32"))
        self.mx.nd.waitall()
        return parameters

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        nd = self.mx.nd
        prepared = (nd.array(inputs, ctx=self.context, dtype=self.input_type),
                    nd.array(labels, ctx=self.context, dtype="int32"))
        nd.waitall()  # copied before the clock starts
        return prepared

    def train_step(self, inputs: Any, labels: Any) -> float:
        with self.mx.autograd.record():
            loss = self.objective(inputs, labels)
        loss.backward()
        self.update()
        self.mx.nd.waitall()  # the update has run, not just been enqueued
        return float(loss.asscalar())

    def predict(self, inputs: Any) -> np.ndarray:
        return self.model(inputs).asnumpy()

    def infer(self, inputs: Any) -> None:
        """One query: a forward pass outside `autograd.record` (no graph kept), waited for."""
        self.model(inputs)
        self.mx.nd.waitall()
