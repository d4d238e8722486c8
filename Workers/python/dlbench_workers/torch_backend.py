"""PyTorch backend: eager (`mode: eager`) or `torch.compile` (`mode: compile`, `compileMode` passed on), on the CPU
or on a CUDA GPU (`device: cuda`).

torch is imported only inside `TorchBackend.__init__`, after dlbench's thread policy (`threads.apply`) has pinned
the process and sized the OpenMP/MKL pools: libtorch reads those at load time, so importing it first would fix
its pools before the policy could reach them.
"""
from __future__ import annotations

from typing import Any, Dict, Tuple

import numpy as np

from . import devices, threads
from .handoff import HandOff
from .wire import WorkerError

MODEL_KINDS = ("mlp", "cnn", "transformer", "lstm", "bert")
TOKEN_MODELS = ("transformer", "lstm", "bert")  # inputs are token ids, sent as floats


def import_torch() -> Any:
    try:
        import torch
    except ImportError as missing:  # the parent records this as a skip with the reason
        raise WorkerError("unsupported", "PyTorch not installed: run scripts/install-python-workers.sh") from missing
    return torch


def set_torch_threads(torch: Any, count: int) -> None:
    """Intra-op pool = N (the policy's count). Inter-op pool = N as well, so that every pool PyTorch may start is
    told N, as the shared policy asks; neither eager nor compiled steps here fork inter-op work, and the affinity
    mask keeps any such threads on the same N CPUs either way."""
    torch.set_num_threads(count)
    try:
        torch.set_num_interop_threads(count)
    except RuntimeError:  # already fixed (inter-op work ran before this call): the affinity mask still bounds it
        pass


def cuda_device(torch: Any) -> Any:
    if not torch.cuda.is_available():
        build = torch.version.cuda or "a CPU-only build"
        raise WorkerError("unsupported", f"options.device 'cuda' but PyTorch {torch.__version__} ({build}) sees no "
                                         "CUDA GPU: install a CUDA build of torch on a machine with an NVIDIA GPU")
    return torch.device("cuda")


def full_float32(torch: Any) -> None:
    """TF32 off for CUDA matmuls, cuDNN convolutions and RNNs (cuDNN defaults to TF32 on Ampere and later): dlbench
    computes in IEEE float32, and TF32's 10-bit mantissa alone can move the losses by more than the agreement
    tolerance."""
    if hasattr(torch.backends, "fp32_precision"):  # the API since PyTorch 2.9; mixing it with the old one raises
        torch.backends.fp32_precision = "ieee"
    else:
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False


def optimizer(torch: Any, parameters: Any, spec: Dict[str, Any]) -> Any:
    """dlbench's optimizers follow PyTorch's conventions, so the built-in ones match them exactly."""
    if spec["kind"] == "sgd":
        return torch.optim.SGD(parameters, lr=spec["learningRate"], momentum=spec["momentum"],
                               nesterov=spec["nesterov"], weight_decay=spec["weightDecay"])
    betas = (spec["beta1"], spec["beta2"])
    kind = torch.optim.AdamW if spec["kind"] == "adamw" else torch.optim.Adam
    return kind(parameters, lr=spec["learningRate"], betas=betas, eps=spec["epsilon"], weight_decay=spec["weightDecay"])


class TorchBackend:
    def __init__(self, workload: Dict[str, Any], handoff: HandOff) -> None:
        threads.apply(workload["threads"])  # first: before libtorch loads
        options = workload.get("options") or {}
        mode = options.get("mode", "eager")
        if mode not in ("eager", "compile"):
            raise WorkerError("request", f"options.mode '{mode}' is not 'eager' or 'compile'")
        kind = workload["model"]["kind"]
        if kind not in MODEL_KINDS:
            raise WorkerError("unsupported", f"the PyTorch worker has no {kind} model")
        requested = devices.requested(workload)
        torch = self.torch = import_torch()
        import torch.nn.functional as F
        from . import torch_models
        set_torch_threads(torch, workload["threads"])
        self.cross_entropy = F.cross_entropy
        self.on_gpu = requested == "cuda"
        self.device = cuda_device(torch) if self.on_gpu else torch.device("cpu")
        if self.on_gpu:
            full_float32(torch)
        self.tokens = kind in TOKEN_MODELS
        self.model = torch_models.build(workload, handoff.weights)
        state = {name: torch.from_numpy(values) for name, values in handoff.weights.items()}
        try:
            self.model.load_state_dict(state, strict=True)
        except RuntimeError as problem:
            raise WorkerError("failed", f"the hand-off weights do not fit the PyTorch model: {problem}")
        self.model.to(self.device)  # before the optimizer is built, so its state lives beside the weights
        trainable = [parameter for parameter in self.model.parameters() if parameter.requires_grad]
        # Infer tasks carry no optimizer: nothing is trained.
        self.optimizer = optimizer(torch, trainable, workload["optimizer"]) if workload.get("optimizer") else None
        self.forward = self.model
        if mode == "compile":
            self.forward = torch.compile(self.model, mode=options.get("compileMode", "default"))

    def synchronize(self) -> None:
        """CUDA kernels run asynchronously: wait for them before a clock is read. CPU kernels are done on return."""
        if self.on_gpu:
            self.torch.cuda.synchronize()

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Tuple[Any, Any]:
        """numpy → tensors on the case's device, copied (and waited for) before the timer starts."""
        tensor = self.torch.from_numpy(inputs)
        tensor = tensor.long() if self.tokens else tensor
        prepared = tensor.to(self.device), self.torch.from_numpy(labels).to(self.device)
        self.synchronize()
        return prepared

    def train_step(self, inputs: Any, labels: Any) -> float:
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.cross_entropy(self.forward(inputs), labels)
        loss.backward()
        self.optimizer.step()
        self.synchronize()  # the update is part of the step
        return float(loss.item())

    def predict(self, inputs: Any) -> np.ndarray:
        with self.torch.no_grad():
            return self.forward(inputs).cpu().numpy()

    def infer(self, inputs: Any) -> None:
        """One query: a forward pass without autograd, waited for on a GPU."""
        with self.torch.no_grad():
            self.forward(inputs)
        self.synchronize()
