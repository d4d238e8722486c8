"""dlbench's one thread policy for every worker, Swift and Python alike (docs/external-engines.md, "Threads").

A case on a machine with `threads` = N runs its worker on the first N CPUs the process may use (by CPU number),
with every thread pool a framework might start — OpenMP, OpenBLAS, MKL, Eigen — told N. Pinning is what makes
"N threads" mean the same thing for frameworks whose pools ignore their own settings (XLA:CPU, oneDNN), and the
environment variables reach libraries loaded later by the framework. Call `apply` before importing the framework.
"""
from __future__ import annotations

import os
from typing import Dict, List

# Read by the thread pools at their first use: set before any framework is imported.
POOL_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
                  "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def allowed_cpus() -> List[int]:
    try:
        return sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return list(range(os.cpu_count() or 1))


def apply(threads: int) -> Dict[str, object]:
    """Pins this process to the first `threads` allowed CPUs and sizes the thread pools; returns what was applied
    (`cpus`: the CPUs kept, `pinned`: whether the kernel took the mask)."""
    threads = max(1, int(threads))
    cpus = allowed_cpus()[:threads]
    pinned = False
    try:
        os.sched_setaffinity(0, cpus)
        pinned = True
    except (AttributeError, OSError):
        pass
    for name in POOL_VARIABLES:
        os.environ[name] = str(threads)
    return {"threads": threads, "cpus": cpus, "pinned": pinned}
