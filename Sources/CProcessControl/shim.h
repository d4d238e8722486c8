// prctl(2) is variadic, so Swift cannot call it directly; these wrappers give it fixed arguments.
#ifndef DLBENCH_PROCESS_CONTROL_H
#define DLBENCH_PROCESS_CONTROL_H
#ifdef __linux__
#include <sys/prctl.h>
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
#endif
