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
    /// Unique across every database the run is merged into; nil for runs recorded before v5-fleet.
    public var uuid: String?
    /// The logical run this one is a shard of (`dlbench run --group`), or nil.
    public var group: String?
    /// Which shard of the protocol's cases it ran, "I/N", or nil for all of them.
    public var shard: String?

    public init(id: Int64, protocolName: String, protocolPath: String, protocolText: String, protocolHash: String,
                startedAt: Date, endedAt: Date?, status: RunStatus, dlbenchCommit: String?, caseCounts: CaseCounts,
                uuid: String? = nil, group: String? = nil, shard: String? = nil) {
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
        self.uuid = uuid
        self.group = group
        self.shard = shard
    }
}
