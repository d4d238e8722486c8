"""The infer trial (single-stream, offline and server scenarios), timed as dlbench's TrialExecutor+Inference times it."""
from __future__ import annotations

import time
from typing import Any, Dict, List, Tuple

import numpy as np

from . import wire
from .handoff import HandOff
from .measurement import Backend, peak_rss_bytes, reset_peak_rss
from .server import server

# As TrialExecutor.preparedBatchLimit: enough distinct batches to defeat caching of one input, few enough to stay cheap.
PREPARED_BATCH_LIMIT = 32


def prepared_queries(handoff: HandOff, size: int, backend: Backend) -> List[Any]:
    """Consecutive test-split batches of `size` (wrapping around, as dlbench's unshuffled BatchSource), converted
    to the framework's tensors before any timing."""
    count = len(handoff.test_labels)
    if count == 0:
        raise wire.WorkerError("failed", "the data file's test split is empty: no inference queries can be cut")
    batches = max(1, min(PREPARED_BATCH_LIMIT, count // max(size, 1)))
    queries = []
    for index in range(batches):
        rows = (np.arange(size) + index * size) % count
        inputs, _ = backend.prepare(handoff.test_features[rows], handoff.test_labels[rows])
        queries.append(inputs)
    return queries


def agreement_logits(workload: Dict[str, Any], handoff: HandOff, backend: Backend) -> List[List[float]]:
    """The logits of the first `agreementSteps` query batches (consecutive test rows, wrapping), flattened, for
    dlbench's check against eager's forward pass; computed before warm-up, untimed."""
    size, count = workload["batchSize"], len(handoff.test_labels)
    logits = []
    for index in range(workload.get("agreementSteps", 0)):
        rows = (np.arange(size) + index * size) % count
        inputs, _ = backend.prepare(handoff.test_features[rows], handoff.test_labels[rows])
        logits.append(np.asarray(backend.predict(inputs), dtype=np.float64).reshape(-1).tolist())
    return logits


def percentile(sorted_values: List[float], percent: float) -> float:
    """Linear interpolation between closest ranks, as dlbench's SampleSummary.percentile (numpy's default)."""
    return float(np.percentile(np.asarray(sorted_values), percent)) if sorted_values else float("nan")


def single_stream(workload: Dict[str, Any], queries: List[Any], backend: Backend) -> Tuple[List[tuple], int]:
    """One query at a time, each timed: `latency` per query, p90/p99 of the trial, throughput over the timed sum."""
    measured, minimum = workload["measuredSteps"], (workload.get("minDurationSeconds") or 0) * 1e9
    latencies: List[int] = []
    total, last_report = 0, 0.0
    while len(latencies) < measured or total < minimum:
        now = time.monotonic()
        if now - last_report >= 0.25:
            wire.progress("measure", len(latencies), measured)
            last_report = now
        query = queries[len(latencies) % len(queries)]
        start = time.perf_counter_ns()
        backend.infer(query)
        elapsed = time.perf_counter_ns() - start
        latencies.append(elapsed)
        total += elapsed
    milliseconds = [value / 1e6 for value in latencies]
    ordered = sorted(milliseconds)
    results = [("latency", "ms", value) for value in milliseconds]
    results += [("latency_p90", "ms", percentile(ordered, 90)), ("latency_p99", "ms", percentile(ordered, 99)),
                ("samples_per_second", "samples/s", len(latencies) * workload["batchSize"] / max(total / 1e9, 1e-12))]
    return results, len(latencies)


def offline(workload: Dict[str, Any], queries: List[Any], backend: Backend) -> Tuple[List[tuple], int]:
    """Queries back to back under one clock: throughput at the batch size, no per-query timing."""
    measured, minimum = workload["measuredSteps"], (workload.get("minDurationSeconds") or 0) * 1e9
    wire.progress("measure", 0, measured)
    count, elapsed = 0, 0
    start = time.perf_counter_ns()
    while count < measured or elapsed < minimum:
        backend.infer(queries[count % len(queries)])
        count += 1
        elapsed = time.perf_counter_ns() - start
    return [("samples_per_second", "samples/s", count * workload["batchSize"] / max(elapsed / 1e9, 1e-12))], count


def infer(workload: Dict[str, Any], handoff: HandOff, backend: Backend) -> None:
    """Agreement logits and warm-up queries untimed, then the scenario; sends samples and a result with the logits."""
    scenario = workload.get("scenario")
    if scenario not in ("single-stream", "offline", "server"):
        raise wire.WorkerError("unsupported", f"the infer scenario '{scenario}' is not supported by this worker "
                                              "(single-stream, offline and server are)")
    queries = prepared_queries(handoff, workload["batchSize"], backend)
    logits = agreement_logits(workload, handoff, backend)
    reset_peak_rss()
    warmup = workload["warmupSteps"]
    for index in range(warmup):
        if index % 10 == 0:
            wire.progress("warmup", index, warmup)
        backend.infer(queries[index % len(queries)])
    remarks: List[str] = []
    if scenario == "server":
        results, _, remarks = server(workload, queries, backend)
    else:
        results, _ = (single_stream if scenario == "single-stream" else offline)(workload, queries, backend)
    peak = peak_rss_bytes()
    if peak is not None:
        results.append(("peak_rss_bytes", "bytes", float(peak)))
    wanted = set(workload["metrics"])
    wire.samples([{"metric": metric, "unit": unit, "value": value}
                  for metric, unit, value in results if metric in wanted], remarks)
    wire.result(peak, [], logits)
