#if canImport(Glibc)
import CProcessControl
import Glibc
#endif

/// `dlbench worker-guard -- COMMAND…`: the process between `dlbench run` and a worker, so that a worker and every
/// process it starts die with the run, even when the run is killed with SIGKILL and can clean up nothing itself.
///
/// The guard asks the kernel for SIGTERM when its parent dies (`PR_SET_PDEATHSIG`), starts the worker as the leader
/// of a new process group (with SIGKILL on the guard's death), and on SIGTERM, SIGHUP or SIGINT — or when the worker
/// exits — kills that whole group. It then exits as the worker did (same status, same signal), so the parent's
/// crash reports are unchanged. Standard input, output and error pass straight through.
public enum WorkerGuard {
    public static func run(_ command: [String]) -> Int32 {
        guard !command.isEmpty else { return 2 }
        let parent = getppid()
        // The signals the guard acts on are blocked and taken with sigwaitinfo: no handler, no race between a
        // check and a wait.
        var watched = sigset_t()
        sigemptyset(&watched)
        for number in [SIGTERM, SIGHUP, SIGINT, SIGCHLD] { sigaddset(&watched, number) }
        var previous = sigset_t()
        sigprocmask(SIG_BLOCK, &watched, &previous)
        _ = dlbench_set_parent_death_signal(SIGTERM)
        if getppid() != parent || parent == 1 { return 1 }  // the parent died before the request took effect
        // Everything the child needs is built before fork: after it, only async-signal-safe calls.
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        guard let program = arguments[0] else { return 1 }
        let child = fork()
        if child == 0 {
            _ = setpgid(0, 0)
            _ = dlbench_set_parent_death_signal(SIGKILL)
            sigprocmask(SIG_SETMASK, &previous, nil)
            execvp(program, arguments)
            _exit(127)
        }
        guard child > 0 else { return 1 }
        _ = setpgid(child, child)  // also from this side, so the group exists before any kill below
        var status: Int32 = 0
        while true {
            if waitpid(child, &status, WNOHANG) == child { break }
            var information = siginfo_t()
            let received = sigwaitinfo(&watched, &information)
            if received == SIGCHLD || received < 0 { continue }
            kill(-child, SIGKILL)
            _ = waitpid(child, &status, 0)
            return 128 + received
        }
        kill(-child, SIGKILL)  // whatever the worker started and left behind
        let signalNumber = status & 0x7f
        if signalNumber != 0 && signalNumber != 0x7f {
            sigprocmask(SIG_SETMASK, &previous, nil)
            signal(signalNumber, SIG_DFL)
            raise(signalNumber)
            return 128 + signalNumber
        }
        return (status >> 8) & 0xff
    }
}
