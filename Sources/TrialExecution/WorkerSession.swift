import Foundation
import Measurement
import ProtocolModel

/// The worker side of the worker protocol (`dlbench worker`): reads one "run" request from standard input,
/// runs that trial and answers on standard output with "hello", "progress", "samples" and a final "result"
/// or "error". One process serves one trial of one case, so a crash, a hang or an out-of-memory kill takes
/// down that trial only, and the process's peak RSS belongs to that case alone.
public enum WorkerSession {
    /// Serves one request; returns the process exit status (0 after a result, 1 after an error, 2 when the
    /// request itself was unreadable). `pinsThreads`: apply `ThreadPolicy` to this process (a worker process; never
    /// in-process, where it would pin the caller).
    public static func serve(input: FileHandle = .standardInput, output: FileHandle = .standardOutput,
                             pinsThreads: Bool = false) -> Int32 {
        let send = { (message: WorkerMessage) in
            if let line = try? message.encodedLine() { try? output.write(contentsOf: line) }
        }
        var hello = WorkerMessage(type: "hello")
        hello.version = WorkerMessage.protocolVersion
        hello.pid = ProcessInfo.processInfo.processIdentifier
        send(hello)
        guard let line = readLine(from: input), let request = try? WorkerMessage.decode(line: line),
              request.type == "run", let text = request.protocolText, let identity = request.caseIdentity,
              let trial = request.trial
        else {
            send(error("request", "expected one 'run' message as a JSON line on standard input"))
            return 2
        }
        guard request.version == WorkerMessage.protocolVersion else {
            send(error("request", "worker protocol version \(request.version ?? 0) is not \(WorkerMessage.protocolVersion); use matching dlbench builds"))
            return 2
        }
        do {
            let benchmark = try ProtocolLoader.decode(text, file: request.protocolPath ?? "protocol.json")
            guard let plannedCase = CasePlanner.find(identity, in: benchmark) else {
                throw RunnerError.workerFailed("case \(identity.task)/\(identity.engine)/\(identity.machine)/batch \(identity.batchSize) is not in the protocol")
            }
            if pinsThreads { ThreadPolicy.pinProcess(threads: plannedCase.machine.threads) }
            let dataset = try WorkloadFactory.dataset(for: plannedCase, in: benchmark)
            let timeout = request.timeoutSeconds ?? benchmark.repetition.caseTimeoutSeconds
            var executor = TrialExecutor(benchmark: benchmark, plannedCase: plannedCase, dataset: dataset, trialIndex: trial)
            executor.deadline = MonotonicClock.deadline(after: timeout)
            executor.progress = { progress in
                var message = WorkerMessage(type: "progress")
                message.phase = progress.phase
                message.step = progress.step
                message.total = progress.total
                send(message)
            }
            let trial = try executor.run()
            var samplesMessage = WorkerMessage(type: "samples")
            samplesMessage.samples = trial.samples
            if !trial.kernelTimes.isEmpty { samplesMessage.kernelProfile = trial.kernelTimes }
            if !trial.remarks.isEmpty { samplesMessage.remarks = trial.remarks }
            send(samplesMessage)
            var result = WorkerMessage(type: "result")
            result.peakRSSBytes = ProcessMemory.peakResidentBytes()
            send(result)
            return 0
        } catch let runnerError as RunnerError {
            send(error(runnerError.kind, runnerError.description))
        } catch {
            send(Self.error("failed", "\(error)"))
        }
        return 1
    }

    private static func error(_ kind: String, _ text: String) -> WorkerMessage {
        var message = WorkerMessage(type: "error")
        message.kind = kind
        message.message = text
        return message
    }

    /// Bytes up to the first newline (or end of input); nil when the input is empty. Linear in the line's length.
    private static func readLine(from input: FileHandle) -> Data? {
        var lines = LineSplitter()
        var first: Data?
        while first == nil {
            guard let chunk = try? input.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            lines.append([UInt8](chunk)) { line in if first == nil { first = Data(line) } }
        }
        if first == nil { lines.finish { first = Data($0) } }
        guard let first, !first.isEmpty else { return nil }
        return first
    }
}
