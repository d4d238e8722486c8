import Foundation
import Measurement

/// The worker protocol's messages (docs/worker-protocol.md): one JSON object per line, discriminated by
/// `type`. A flat struct keeps the wire format obvious to workers written in other languages; fields that
/// do not apply to a type are omitted.
public struct WorkerMessage: Codable, Sendable, Equatable {
    public static let protocolVersion = 1

    /// Parent → worker: "run". Worker → parent: "hello", "progress", "samples", "result", "error".
    public var type: String
    public var version: Int?
    // run
    public var protocolText: String?
    public var protocolPath: String?
    public var caseIdentity: CaseIdentity?
    public var trial: Int?
    public var timeoutSeconds: Double?
    /// The resolved case for an external engine's worker (absent for `dlbench worker`, which decodes the protocol).
    public var external: ExternalWorkload?
    // hello
    public var pid: Int32?
    // progress
    public var phase: String?
    public var step: Int?
    public var total: Int?
    // samples
    public var samples: [MetricSample]?
    /// Optional (absent from older workers and for unprofiled engines): the trial's kernel breakdown per measured
    /// step, in replay order, for engines with `"profileKernels": true`.
    public var kernelProfile: [KernelTime]?
    /// Optional (absent from older workers): what the trial could not measure and why, one line each.
    public var remarks: [String]?
    // result
    public var peakRSSBytes: UInt64?
    /// The training losses of the trial's first steps (external workers: `external.agreementSteps` of them), for
    /// the agreement check against eager.
    public var losses: [Double]?
    /// Infer tasks of external workers: the logits of the first `external.agreementSteps` query batches, each
    /// flattened row-major [batch, classes], for the agreement check against eager's forward pass.
    public var logits: [[Double]]?
    // error
    public var kind: String?
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case type, version, protocolText = "protocol", protocolPath, caseIdentity = "case", trial, timeoutSeconds, external,
             pid, phase, step, total, samples, kernelProfile, remarks, peakRSSBytes, losses, logits, kind, message
    }

    public init(type: String) { self.type = type }

    public static func run(protocolText: String, protocolPath: String, identity: CaseIdentity, trial: Int,
                           timeoutSeconds: Double) -> WorkerMessage {
        var message = WorkerMessage(type: "run")
        message.version = protocolVersion
        message.protocolText = protocolText
        message.protocolPath = protocolPath
        message.caseIdentity = identity
        message.trial = trial
        message.timeoutSeconds = timeoutSeconds
        return message
    }

    /// One line of JSON (no embedded newlines: JSON escapes them), terminated by "\n".
    public func encodedLine() throws -> Data {
        var data = try WorkerMessage.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    public static func decode(line: Data) throws -> WorkerMessage {
        try decoder.decode(WorkerMessage.self, from: line)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }()
}
