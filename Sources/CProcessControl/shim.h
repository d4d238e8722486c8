// prctl(2) and syscall(2) are variadic, and glibc declares sched_setaffinity only under _GNU_SOURCE, so Swift
// cannot call them directly; these wrappers give them fixed arguments.
#ifndef DLBENCH_PROCESS_CONTROL_H
#define DLBENCH_PROCESS_CONTROL_H
#include <stddef.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/// Asks the kernel to send `signal` to this process when its parent dies (Linux); returns -1 elsewhere.
static inline int dlbench_set_parent_death_signal(int signal) {
#ifdef __linux__
    return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
#else
    (void)signal;
    return -1;
#endif
}

/// Reads the CPU mask of thread `thread` (0: the caller) into `mask` (`bytes` long, bit i = CPU i); returns the
/// bytes the kernel wrote, or -1 (and elsewhere than Linux).
static inline long dlbench_get_affinity(int thread, unsigned char *mask, size_t bytes) {
#ifdef __linux__
    return syscall(SYS_sched_getaffinity, thread, bytes, mask);
#else
    (void)thread; (void)mask; (void)bytes;
    return -1;
#endif
}

/// Restricts thread `thread` (0: the caller) to the CPUs set in `mask`; returns 0, or -1 (and elsewhere than Linux).
static inline long dlbench_set_affinity(int thread, const unsigned char *mask, size_t bytes) {
#ifdef __linux__
    return syscall(SYS_sched_setaffinity, thread, bytes, mask);
#else
    (void)thread; (void)mask; (void)bytes;
    return -1;
#endif
}
#endif
