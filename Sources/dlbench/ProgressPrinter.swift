import Runner

/// Progress on standard error: one line per trial (a pipe or CI log keeps them all), or nothing with --quiet
/// except failures.
struct ProgressPrinter {
    let quiet: Bool

    func handle(_ event: RunEvent) {
        switch event {
        case let .started(runID, cases, trials):
            if !quiet { Terminal.printError("run \(runID): \(cases) case(s) × \(trials) trial(s)") }
        case let .trialFinished(plannedCase, trial, total, headline):
            if !quiet { Terminal.printError("[\(trial)/\(total)] \(plannedCase.label): \(headline)") }
        case let .caseFailed(plannedCase, message):
            Terminal.printError("FAILED \(plannedCase.label): \(message)")
        case let .caseSkipped(plannedCase, reason):
            if !quiet { Terminal.printError("skipped \(plannedCase.label): \(reason)") }
        case let .finished(runID, status):
            if !quiet { Terminal.printError("run \(runID) \(status)") }
        }
    }
}
