#if canImport(Glibc)
import Foundation
import Glibc
import Measurement
import ProtocolModel
import ResultStore
import TrialExecution
#endif

/// The parent side of the worker protocol: starts one worker for one trial (Foundation.Process), sends the
/// "run" request, reads its JSON lines under the trial's budget, and turns every way a worker can end —
/// result, reported error, crash, signal, out-of-memory kill, timeout, silence — into samples or a
/// `RunnerError` naming the reason.
struct WorkerProcess {
    let command: WorkerCommand
    /// Prepended to the command (`dlbench worker-guard --`), so the worker's whole process tree dies with the run.
    var guardCommand: WorkerCommand? = nil
    /// Bytes of the worker's standard error kept for failure messages.
    static let standardErrorTailLimit = 2048

    struct Outcome {
        var samples: [MetricSample]
        var peakRSSBytes: UInt64?
        /// `result.losses`: the losses of the trial's first steps, for the agreement check.
        var losses: [Double]?
        /// `result.logits`: infer tasks' logits of the first query batches, for the agreement check.
        var logits: [[Double]]?
        /// `samples.kernelProfile`: the kernel breakdown per measured step (profiled engines; empty otherwise).
        var kernelTimes: [KernelTime] = []
        /// `samples.remarks`: what the trial could not measure and why.
        var remarks: [String] = []
    }

    func runTrial(request: WorkerMessage, timeoutSeconds: Double,
                  onProgress: (TrialProgress) -> Void) throws -> Outcome {
        signal(SIGPIPE, SIG_IGN)  // a worker that dies early must not take the parent with it
        let process = Process()
        if let guardCommand {
            process.executableURL = URL(fileURLWithPath: guardCommand.executable)
            process.arguments = guardCommand.arguments + [command.executable] + command.arguments
        } else {
            process.executableURL = URL(fileURLWithPath: command.executable)
            process.arguments = command.arguments
        }
        if !command.environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(command.environment) { _, added in added }
        }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw RunnerError.workerFailed("cannot start worker \(command.executable): \(error) — check the path is an executable")
        }
        let deadline = MonotonicClock.deadline(after: timeoutSeconds)
        let line = try request.encodedLine()
        Self.writeAll(line, to: input.fileHandleForWriting.fileDescriptor)
        try? input.fileHandleForWriting.close()

        var reader = WorkerOutputReader(output: output.fileHandleForReading.fileDescriptor,
                                        errors: errors.fileHandleForReading.fileDescriptor)
        var collected = Outcome(samples: [], peakRSSBytes: nil)
        var reported: WorkerMessage?
        var finished = false
        var spoke = false
        var violation: String?
        let ending = reader.read(until: deadline) { message in
            spoke = true
            switch message.type {
            case "hello": break
            case "progress":
                onProgress(TrialProgress(phase: message.phase ?? "", step: message.step ?? 0, total: message.total ?? 0))
            case "samples":
                let samples = message.samples ?? []
                if let wrong = samples.lazy.compactMap(Self.problem(with:)).first { violation = violation ?? wrong }
                collected.samples += samples
                let kernels = message.kernelProfile ?? []
                if let wrong = kernels.lazy.compactMap(\.problem).first { violation = violation ?? wrong }
                collected.kernelTimes += kernels
                collected.remarks += message.remarks ?? []
            case "result":
                collected.peakRSSBytes = message.peakRSSBytes
                collected.losses = message.losses
                collected.logits = message.logits
                finished = true
            case "error": reported = message
            default: violation = violation ?? "unknown message type '\(message.type)'"
            }
        } onGarbage: { text in
            violation = violation ?? "not a worker-protocol line: \(text.prefix(120))"
        }
        let exited = Self.waitForExit(process, until: ending == .closed ? deadline : 0)
        if !exited { Self.stop(process) }
        let detail = reader.standardErrorTail
        if InterruptMonitor.isRequested { throw RunnerError.interrupted }
        switch ending {
        case .interrupted: throw RunnerError.interrupted
        case .timedOut: throw RunnerError.timedOut(seconds: timeoutSeconds)
        case .closed where !exited: throw RunnerError.timedOut(seconds: timeoutSeconds)
        case .closed: break
        }
        if let reported {
            let text = reported.message ?? "the worker reported an error without a message"
            switch reported.kind {
            case "unsupported": throw RunnerError.unsupported(text)
            case "interrupted": throw RunnerError.interrupted
            default: throw RunnerError.workerFailed(text)
            }
        }
        if process.terminationReason == .uncaughtSignal {
            throw RunnerError.workerCrashed(signal: process.terminationStatus, detail: detail)
        }
        if let violation { throw RunnerError.workerFailed("worker protocol violation: \(violation)") }
        if !spoke, let module = Self.missingModule(in: reader.standardErrorTail) {
            throw RunnerError.unsupported("worker \(command.executable) cannot import \(module) (No module named \(module)); "
                                          + "install it: scripts/install-python-workers.sh")
        }
        guard finished, process.terminationStatus == 0 else {
            throw RunnerError.workerExited(status: process.terminationStatus, detail: detail)
        }
        return collected
    }

    /// Why a sample is not one of ProtocolModel's metrics with its unit; nil when it is.
    static func problem(with sample: MetricSample) -> String? {
        guard let metric = Metric(rawValue: sample.metric) else {
            return "unknown metric '\(sample.metric)' (expected a name of Protocols/protocol.schema.json $defs.metric)"
        }
        guard metric.unit == sample.unit else {
            return "metric '\(sample.metric)' sent with unit '\(sample.unit)'; expected '\(metric.unit)'"
        }
        guard metric.validRange.contains(sample.value) else {
            let expected = metric.unit == "fraction" ? "a number between 0 and 1"
                : metric == .timeToTarget ? "a number ≥ 0 (Infinity: not reached)" : "a finite number ≥ 0"
            return "metric '\(sample.metric)' sent the value \(sample.value); expected \(expected)"
        }
        return nil
    }

    /// The module named by a Python "No module named 'x'" on standard error: the framework is not installed,
    /// which skips the case rather than failing it.
    static func missingModule(in standardError: String) -> String? {
        guard let range = standardError.range(of: "No module named ") else { return nil }
        let rest = standardError[range.upperBound...]
        let name = rest.prefix { !$0.isWhitespace && $0 != "|" }
        return name.isEmpty ? nil : String(name)
    }

    /// Waits for the worker to exit after it closed its output; false when it is still running at `deadline`.
    private static func waitForExit(_ process: Process, until deadline: UInt64) -> Bool {
        while process.isRunning {
            if MonotonicClock.now() >= deadline { return false }
            usleep(1000)
        }
        process.waitUntilExit()
        return true
    }

    /// SIGTERM first (a guard then kills the worker's whole process group), SIGKILL after a second.
    private static func stop(_ process: Process) {
        kill(process.processIdentifier, SIGTERM)
        if !waitForExit(process, until: MonotonicClock.deadline(after: 1)) {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(descriptor, pointer, remaining)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }  // EPIPE: the worker is gone; its exit tells why
                pointer += written
                remaining -= written
            }
        }
    }
}
