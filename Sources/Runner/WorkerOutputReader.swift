#if canImport(Glibc)
import Foundation
import Glibc
import Measurement
import TrialExecution
#endif

/// Reads a worker's standard output (JSON lines) and standard error (kept as a short tail) together with
/// poll(2), so neither pipe can fill up and block the worker, and so a silent worker cannot block the parent
/// past its deadline.
struct WorkerOutputReader {
    enum Ending: Equatable {
        /// Both pipes reached end of file.
        case closed
        case timedOut
        case interrupted
    }

    let output: Int32
    let errors: Int32
    private var lines = LineSplitter()
    private var errorBuffer = Data()

    init(output: Int32, errors: Int32) {
        self.output = output
        self.errors = errors
    }

    /// The end of the worker's standard error, trimmed, one line.
    var standardErrorTail: String {
        let text = String(decoding: errorBuffer.suffix(WorkerProcess.standardErrorTailLimit), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | ")
            .trimmingCharacters(in: .whitespaces)
    }

    mutating func read(until deadline: UInt64, onMessage: (WorkerMessage) -> Void,
                       onGarbage: (String) -> Void) -> Ending {
        var outputOpen = true
        var errorsOpen = true
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while outputOpen || errorsOpen {
            if InterruptMonitor.isRequested { return .interrupted }
            let now = MonotonicClock.now()
            guard now < deadline else { return .timedOut }
            let waitMilliseconds = Int32(min((deadline - now) / 1_000_000 + 1, 100))
            var descriptors = [pollfd(fd: outputOpen ? output : -1, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: errorsOpen ? errors : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, waitMilliseconds)
            if ready < 0 && errno != EINTR { return .closed }
            guard ready > 0 else { continue }
            for slot in 0..<2 where descriptors[slot].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptors[slot].fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    if slot == 0 { outputOpen = false } else { errorsOpen = false }
                    continue
                }
                if slot == 0 {
                    chunk.withUnsafeBytes { bytes in
                        lines.append(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) {
                            Self.handle(line: $0, onMessage: onMessage, onGarbage: onGarbage)
                        }
                    }
                } else {
                    errorBuffer.append(contentsOf: chunk[0..<count])
                    if errorBuffer.count > 4 * WorkerProcess.standardErrorTailLimit {
                        errorBuffer = Data(errorBuffer.suffix(WorkerProcess.standardErrorTailLimit))
                    }
                }
            }
        }
        lines.finish { Self.handle(line: $0, onMessage: onMessage, onGarbage: onGarbage) }
        return .closed
    }

    private static func handle(line: ArraySlice<UInt8>, onMessage: (WorkerMessage) -> Void,
                               onGarbage: (String) -> Void) {
        guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { return }
        if let message = try? WorkerMessage.decode(line: Data(line)) {
            onMessage(message)
        } else {
            onGarbage(String(decoding: line.prefix(WorkerProcess.standardErrorTailLimit), as: UTF8.self))
        }
    }
}
