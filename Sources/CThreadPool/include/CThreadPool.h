// dlbench's one pool of compute threads. Every parallel kernel and every split matrix product runs on it, and
// OpenBLAS stays on one thread, so a step never has two sets of threads (OpenBLAS's spinning workers and another
// pool's) competing for the same cores — on the 2-vCPU reference machine that competition made a W3 step slower
// at 2 threads than at 1 (see docs/ARCHITECTURE.md, "Threads").
#ifndef DLBENCH_CTHREADPOOL_H
#define DLBENCH_CTHREADPOOL_H
#include <stddef.h>

/// Sets how many threads a parallel region uses, the caller included (1 = everything on the caller). Starts
/// workers on first need; waits for a region in flight to end.
void dlbench_pool_set_threads(size_t threads);

/// The thread count set last (1 before any call).
size_t dlbench_pool_threads(void);

/// Runs body(context, task) for every task in 0..<tasks on the pool's threads and the caller, and returns when
/// all have finished. Tasks are claimed one at a time, so unequal tasks balance. A call from inside a task, or
/// while another thread's region is in flight, runs its tasks on the calling thread, in order.
void dlbench_pool_run(size_t tasks, void (*body)(void *context, size_t task), void *context);

/// Nanoseconds for one cache-line round trip between the caller and the pool's first worker (the median of up to
/// seven batches of 500, fewer once half a second has passed), or -1 with fewer than two threads, inside a region,
/// or when the worker stopped answering (100 ms of silence).
/// On the 2-vCPU reference machine this is bimodal — about 55 ns in some periods, about 340 ns in others, as the
/// host places the two vCPUs near or far apart — and a 2-thread step is up to 2× slower in the far periods.
double dlbench_pool_round_trip_nanoseconds(void);

#endif
