"""The server scenario, as dlbench's TrialExecutor+Server runs it: queries arrive on the seeded Poisson schedule
dlbench sends (`external.server`, the same arrivals its own engines face in the trial) and are served one at a
time in arrival order; a query's latency runs from its scheduled arrival to its completion, so queueing counts.
The bound holds when the trial's p99 is within `latencyBoundMs`; the optional search for the highest rate
within the bound doubles (or halves) from the target rate, then bisects, on the probe schedules dlbench drew."""
from __future__ import annotations

import math
import time
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from . import wire


def wait_until(deadline: int) -> None:
    """Sleeps while the arrival is far off, then spins for the last fraction of a millisecond (as dlbench)."""
    while True:
        remaining = deadline - time.perf_counter_ns()
        if remaining <= 0:
            return
        if remaining > 300_000:
            time.sleep((remaining - 200_000) / 1e9)


def serve(arrivals: List[int], queries: List[Any], backend: Any) -> Tuple[List[int], float, float]:
    """Latencies (ns) of queries arriving at `arrivals` (ns offsets), their p99, and the wall time in seconds."""
    latencies: List[int] = []
    last_report = 0.0
    origin = time.perf_counter_ns() + 1_000_000
    finished = origin
    for index, offset in enumerate(arrivals):
        now = time.monotonic()
        if now - last_report >= 0.25:
            wire.progress("measure", index, len(arrivals))
            last_report = now
        arrival = origin + offset
        wait_until(arrival)
        backend.infer(queries[index % len(queries)])
        finished = time.perf_counter_ns()
        latencies.append(finished - arrival)
    p99 = float(np.percentile(np.asarray(latencies, dtype=np.float64), 99)) if latencies else math.nan
    return latencies, p99, (finished - origin) / 1e9


def highest_rate(settings: Dict[str, Any], queries: List[Any], backend: Any, starts_meeting: bool
                 ) -> Tuple[float, Optional[str]]:
    """The search of TrialExecutor+Server.highestRate; probe k serves dlbench's k-th unit-rate schedule."""
    bound = settings["latencyBoundMs"] * 1e6
    schedules = iter(settings["probeUnitArrivals"])

    def meets(rate: float) -> bool:
        unit = next(schedules)
        return serve([int(seconds / rate * 1e9) for seconds in unit], queries, backend)[1] <= bound

    target = settings["targetRate"]
    low, high = (target, math.inf) if starts_meeting else (0.0, target)
    for _ in range(settings["rateSearchDoublings"]):
        if starts_meeting:
            candidate = low * 2
            if meets(candidate):
                low = candidate
            else:
                high = candidate
                break
        else:
            candidate = high / 2
            if meets(candidate):
                low = candidate
                break
            high = candidate
    bound_text = f"{settings['latencyBoundMs']:g} ms"
    if not math.isfinite(high):
        return low, (f"max_rate_within_bound not recorded: the p99 bound ({bound_text}) still held at {low:g} "
                     "queries/s, the search's last doubling; raise targetRate")
    if low <= 0:
        return 0.0, (f"max_rate_within_bound not recorded: the p99 bound ({bound_text}) failed even at {high:g} "
                     "queries/s, the search's last halving; lower targetRate or relax the bound")
    for _ in range(settings["rateSearchBisections"]):
        middle = (low + high) / 2
        if meets(middle):
            low = middle
        else:
            high = middle
    return low, None


def server(workload: Dict[str, Any], queries: List[Any], backend: Any) -> Tuple[List[tuple], int, List[str]]:
    """The measured run at the target rate, then (when asked) the rate search; samples, query count, remarks."""
    settings = workload.get("server")
    if not settings:
        raise wire.WorkerError("request", "a server-scenario workload needs 'external.server' (update dlbench)")
    arrivals = settings["arrivalNanoseconds"]
    latencies, p99, seconds = serve(arrivals, queries, backend)
    milliseconds = [value / 1e6 for value in latencies]
    ordered = sorted(milliseconds)
    results = [("latency", "ms", value) for value in milliseconds]
    results += [("latency_p90", "ms", float(np.percentile(ordered, 90))), ("latency_p99", "ms", p99 / 1e6),
                ("latency_bound_met", "fraction", 1.0 if p99 <= settings["latencyBoundMs"] * 1e6 else 0.0),
                ("samples_per_second", "samples/s", len(arrivals) * workload["batchSize"] / max(seconds, 1e-12))]
    remarks: List[str] = []
    if settings.get("searchHighestRate"):
        rate, limit = highest_rate(settings, queries, backend, p99 <= settings["latencyBoundMs"] * 1e6)
        if limit:
            remarks.append(limit)
        else:
            results.append(("max_rate_within_bound", "queries/s", rate))
    return results, len(arrivals), remarks
