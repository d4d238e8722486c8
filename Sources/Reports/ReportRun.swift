import Foundation
import ResultStore

/// What a report says about a run besides its rows: protocol, times, status and machines, so a JSON or
/// HTML report read months later still tells where its numbers came from.
public struct ReportRun: Sendable, Equatable {
    public var id: Int64
    public var protocolName: String
    public var protocolHash: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: String
    public var dlbenchCommit: String?
    public var machines: [MachineRecord]
    /// The run's UUID (nil for runs recorded before it existed), its group and shard (`run --shard I/N --group KEY`).
    public var uuid: String?
    public var group: String?
    public var shard: String?

    public init(id: Int64, protocolName: String, protocolHash: String, startedAt: Date, endedAt: Date?, status: String,
                dlbenchCommit: String?, machines: [MachineRecord], uuid: String? = nil, group: String? = nil,
                shard: String? = nil) {
        self.id = id
        self.protocolName = protocolName
        self.protocolHash = protocolHash
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.dlbenchCommit = dlbenchCommit
        self.machines = machines
        self.uuid = uuid
        self.group = group
        self.shard = shard
    }

    /// The run `runID` of `store` with its machines; nil when the run does not exist.
    public static func load(from store: ResultStore, runID: Int64) throws -> ReportRun? {
        guard let record = try store.run(id: runID) else { return nil }
        return ReportRun(id: record.id, protocolName: record.protocolName, protocolHash: record.protocolHash,
                         startedAt: record.startedAt, endedAt: record.endedAt, status: record.status.rawValue,
                         dlbenchCommit: record.dlbenchCommit, machines: try store.machines(runID: runID),
                         uuid: record.uuid, group: record.group, shard: record.shard)
    }

    /// ISO 8601 in UTC with milliseconds, e.g. "2025-01-02T03:04:05.678Z".
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
