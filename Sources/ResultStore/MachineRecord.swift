import Measurement

/// A machine as recorded for one run.
public struct MachineRecord: Sendable, Equatable {
    public var id: Int64
    public var runID: Int64
    /// The machine name from the protocol (a hardware setting, e.g. "cpu-4-threads").
    public var name: String
    public var identityHash: String
    public var fingerprint: EnvironmentFingerprint

    public init(id: Int64, runID: Int64, name: String, identityHash: String, fingerprint: EnvironmentFingerprint) {
        self.id = id
        self.runID = runID
        self.name = name
        self.identityHash = identityHash
        self.fingerprint = fingerprint
    }
}
