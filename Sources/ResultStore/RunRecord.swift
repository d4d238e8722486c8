import Foundation

/// A stored run with its protocol and case tally.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var protocolName: String
    public var protocolPath: String
    public var protocolText: String
    /// SHA-256 (hex) of `protocolText`; runs of the same protocol share it.
    public var protocolHash: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: RunStatus
    public var dlbenchCommit: String?
    public var caseCounts: CaseCounts

    public init(id: Int64, protocolName: String, protocolPath: String, protocolText: String, protocolHash: String,
                startedAt: Date, endedAt: Date?, status: RunStatus, dlbenchCommit: String?, caseCounts: CaseCounts) {
        self.id = id
        self.protocolName = protocolName
        self.protocolPath = protocolPath
        self.protocolText = protocolText
        self.protocolHash = protocolHash
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.dlbenchCommit = dlbenchCommit
        self.caseCounts = caseCounts
    }
}
