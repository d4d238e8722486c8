"""The training trial, timed as dlbench times it; framework code plugs in through `Backend`."""
from __future__ import annotations

import math
import time
from typing import Any, Callable, Dict, List, Optional, Protocol

import numpy as np

from . import wire
from .handoff import HandOff


class Backend(Protocol):
    def train_step(self, inputs: Any, labels: Any) -> float:
        """One forward + backward + update; returns the loss once it is computed (synchronised)."""

    def prepare(self, inputs: np.ndarray, labels: np.ndarray) -> Any:
        """Converts a numpy batch to the framework's tensors, outside the timed region."""

    def predict(self, inputs: Any) -> np.ndarray:
        """Logits of a batch, for test accuracy."""

    def infer(self, inputs: Any) -> None:
        """One forward pass without gradients, returning once it is computed (synchronised): an infer query."""


def peak_rss_bytes() -> Optional[int]:
    """VmHWM of this process, as dlbench's own worker reports it."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def reset_peak_rss() -> None:
    """Starts the high-water mark afresh after loading, as dlbench does after building the model (best effort)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def train(workload: Dict[str, Any], handoff: HandOff, backend: Backend) -> None:
    """Runs the steps of the batches file, then sends samples and the result (with the first losses)."""
    wanted = set(workload["metrics"])
    warmup, measured = workload["warmupSteps"], workload["measuredSteps"]
    losses: List[float] = []
    last_report = 0.0

    def timed_step(step: int) -> int:
        inputs, labels = handoff.batch(step)
        prepared = backend.prepare(inputs, labels)
        start = time.perf_counter_ns()
        loss = backend.train_step(*prepared)
        elapsed = time.perf_counter_ns() - start
        if not math.isfinite(loss):
            raise wire.WorkerError("diverged", f"training diverged: loss {loss} at step {step}")
        if len(losses) < workload["agreementSteps"]:
            losses.append(loss)
        nonlocal last_loss
        last_loss = loss
        return elapsed

    def report(phase: str, step: int, total: int) -> None:
        nonlocal last_report
        now = time.monotonic()
        if now - last_report >= 0.25:
            wire.progress(phase, step, total)
            last_report = now

    last_loss = math.nan
    reset_peak_rss()
    first = timed_step(0)
    for step in range(1, warmup):
        report("warmup", step, warmup)
        timed_step(step)
    step_times: List[float] = []
    epoch_steps = max(1, math.ceil(len(handoff.train_labels) / workload["batchSize"]))
    epoch_total, results = 0, []
    for index in range(measured):
        report("measure", index, measured)
        nanoseconds = timed_step(warmup + index)
        step_times.append(nanoseconds / 1e6)
        epoch_total += nanoseconds
        if (index + 1) % epoch_steps == 0:
            results.append(("epoch_time", "s", epoch_total / 1e9))
            epoch_total = 0
    rows = sum(len(handoff.batches[warmup + index]) for index in range(measured))
    results += [("time_to_first_step", "ms", first / 1e6)]
    results += [("step_time", "ms", value) for value in step_times]
    results += [("samples_per_second", "samples/s", rows / max(sum(step_times) / 1e3, 1e-12)),
                ("final_loss", "loss", last_loss)]
    if "test_accuracy" in wanted:
        results.append(("test_accuracy", "fraction", accuracy(handoff, backend)))
    peak = peak_rss_bytes()
    if peak is not None:
        results.append(("peak_rss_bytes", "bytes", float(peak)))
    wire.samples([{"metric": metric, "unit": unit, "value": value}
                  for metric, unit, value in results if metric in wanted])
    wire.result(peak, losses)


def accuracy(handoff: HandOff, backend: Backend) -> float:
    correct = 0
    for inputs, labels in handoff.test_batches():
        prepared, _ = backend.prepare(inputs, labels)
        correct += int((np.argmax(backend.predict(prepared), axis=1) == labels).sum())
    return correct / max(len(handoff.test_labels), 1)


def run(framework: str, make_backend: Callable[[Dict[str, Any], HandOff], Backend]) -> int:
    """The whole worker: request, hand-off, trial; every failure becomes one `error` line."""
    wire.hello()
    try:
        request = wire.read_request()
        workload = request["external"]
        kind = workload.get("taskKind")
        if kind not in ("train", "infer"):
            raise wire.WorkerError("unsupported", f"the {framework} worker runs train and infer tasks, not '{kind}'")
        handoff = HandOff.load(workload)
        backend = make_backend(workload, handoff)
        if kind == "infer":
            from .inference import infer  # imported here: inference.py imports this module's helpers
            infer(workload, handoff, backend)
        else:
            train(workload, handoff, backend)
        return 0
    except wire.WorkerError as problem:
        wire.error(problem.kind, problem.message)
        return 2 if problem.kind == "request" else 1
    except KeyboardInterrupt:
        wire.error("interrupted", "interrupted (SIGINT)")
        return 1
    except Exception as problem:  # noqa: BLE001 - every failure must reach the parent as one line
        wire.error("failed", f"{framework} worker: {type(problem).__name__}: {problem}")
        return 1
