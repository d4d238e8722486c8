"""The infer trial (single-stream and offline scenarios), timed as dlbench's TrialExecutor+Inference times it."""
from __future__ import annotations

import time
from typing import Any, Dict, List, Tuple

import numpy as np

from . import wire
from .handoff import HandOff
from .measurement import Backend, peak_rss_bytes, reset_peak_rss

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
    """Warm-up queries untimed, then the scenario; sends samples and a result without losses (no agreement check)."""
    scenario = workload.get("scenario")
    measure = {"single-stream": single_stream, "offline": offline}.get(scenario)
    if measure is None:
        raise wire.WorkerError("unsupported", f"the infer scenario '{scenario}' is not supported by this worker "
                                              "(single-stream and offline are)")
    queries = prepared_queries(handoff, workload["batchSize"], backend)
    reset_peak_rss()
    warmup = workload["warmupSteps"]
    for index in range(warmup):
        if index % 10 == 0:
            wire.progress("warmup", index, warmup)
        backend.infer(queries[index % len(queries)])
    results, _ = measure(workload, queries, backend)
    peak = peak_rss_bytes()
    if peak is not None:
        results.append(("peak_rss_bytes", "bytes", float(peak)))
    wanted = set(workload["metrics"])
    wire.samples([{"metric": metric, "unit": unit, "value": value}
                  for metric, unit, value in results if metric in wanted])
    wire.result(peak, [])
