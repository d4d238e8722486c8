import Foundation
import Runner

/// Progress on standard error. On a terminal: one live line, rewritten in place with \r (case, trial, ETA,
/// last median), with failures and warnings on lines of their own. Otherwise (a pipe, a CI log): one plain
/// line per finished trial. With --quiet: only failures and warnings. Warnings about the machine at the start (load,
/// frequency scaling) print as they come, so a run can be stopped; warnings about results are held for the end of
/// the run, where they are summarised in one line (or grouped by kind with `run --warnings`).
final class ProgressPrinter {
    let quiet: Bool
    let live: Bool
    private var plannedTrials = 0
    private var finishedTrials = 0
    private var startTime = Date()
    private var lastHeadline = ""
    private var current = ""
    private var lineIsOpen = false
    private var started = false

    init(quiet: Bool, live: Bool = Terminal.standardErrorIsTerminal) {
        self.quiet = quiet
        self.live = live
    }

    func handle(_ event: RunEvent) {
        switch event {
        case let .started(runID, cases, plannedTrials):
            self.plannedTrials = plannedTrials
            started = true
            startTime = Date()
            say("run \(runID): \(cases) case(s), up to \(plannedTrials) trial(s)")
        case let .trialStarted(plannedCase, round, maxRounds):
            current = "\(plannedCase.label) · trial \(round)/\(maxRounds)"
            update(current)
        case let .trialProgress(_, progress):
            let total = progress.total > 0 ? "/\(progress.total)" : ""
            update("\(current) · \(progress.phase) \(progress.step)\(total)")
        case let .trialFinished(plannedCase, trial, total, headline):
            finishedTrials += 1
            lastHeadline = headline
            if live { update(current) } else { say("[\(trial)/\(total)] \(plannedCase.label): \(headline)") }
        case let .caseFailed(plannedCase, message):
            finishedTrials += 1
            shout("FAILED \(plannedCase.label): \(message)")
        case let .caseSkipped(plannedCase, reason):
            say("skipped \(plannedCase.label): \(reason)")
        case let .warning(message):
            if !started { shout("warning: \(message)") }
        case let .finished(runID, status):
            closeLine()
            say("run \(runID) \(status)")
        }
    }

    /// Estimated time left, from the mean time per finished trial (an upper bound when the stopping rule
    /// settles cases early).
    private var estimatedRemaining: String {
        guard finishedTrials > 0 else { return "ETA –" }
        let perTrial = Date().timeIntervalSince(startTime) / Double(finishedTrials)
        let seconds = Int((perTrial * Double(max(plannedTrials - finishedTrials, 0))).rounded())
        return String(format: "ETA %d:%02d", seconds / 60, seconds % 60)
    }

    private func update(_ text: String) {
        guard live, !quiet else { return }
        var line = "[\(finishedTrials)/\(plannedTrials)] \(text) · \(estimatedRemaining)"
        if !lastHeadline.isEmpty { line += " · last \(lastHeadline)" }
        let width = Terminal.columns
        if line.count > width - 1 { line = String(line.prefix(max(width - 2, 10))) + "…" }
        fputs("\r\u{1B}[2K" + line, stderr)
        lineIsOpen = true
    }

    private func closeLine() {
        if lineIsOpen { fputs("\n", stderr) }
        lineIsOpen = false
    }

    private func say(_ text: String) {
        guard !quiet else { return }
        shout(text)
    }

    /// Printed even with --quiet.
    private func shout(_ text: String) {
        if lineIsOpen { fputs("\r\u{1B}[2K", stderr) }
        lineIsOpen = false
        Terminal.printError(text)
    }
}
