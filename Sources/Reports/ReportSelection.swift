import Foundation
import ResultStore

/// Why the runs asked for cannot be reported; one actionable line each.
public enum ReportSelectionError: Error, CustomStringConvertible, Equatable {
    case emptyDatabase(path: String)
    case unknownRun(id: Int64, path: String)
    case unknownProtocol(name: String, path: String, known: [String])
    case unknownGroup(name: String, path: String)

    public var description: String {
        switch self {
        case let .emptyDatabase(path):
            return "no runs in \(path); start one with `dlbench run Protocols/quickstart.json`"
        case let .unknownRun(id, path):
            return "run \(id) is not in \(path); `dlbench runs --db \(path)` lists them"
        case let .unknownProtocol(name, path, known):
            return "no run of protocol \(name) in \(path) (protocols there: \(known.joined(separator: ", ")))"
        case let .unknownGroup(name, path):
            return "no run of group \(name) in \(path); `dlbench runs --db \(path)` lists runs with their groups"
        }
    }
}

/// The rows and run facts of the runs a command names: `--run` ids, else the runs of `--group`, else the latest
/// run of `--protocol`, else the latest run — with the other shards of its group, when it is one shard of a
/// sharded run (`dlbench run --shard`), so a fleet's shards read as one run; then `ReportFilter`.
public struct ReportSelection: Sendable {
    public var runs: [ReportRun]
    public var rows: [ReportRow]

    public static func load(from store: ResultStore, runIDs: [Int64] = [], protocolName: String? = nil,
                            group: String? = nil, filter: ReportFilter = ReportFilter()) throws -> ReportSelection {
        let ids = try resolve(store: store, runIDs: runIDs, protocolName: protocolName, group: group)
        var runs: [ReportRun] = []
        var rows: [ReportRow] = []
        for id in ids {
            guard let run = try ReportRun.load(from: store, runID: id) else {
                throw ReportSelectionError.unknownRun(id: id, path: store.path)
            }
            runs.append(run)
            rows += try ReportBuilder.rows(from: store, runID: id)
        }
        try filter.validate(against: rows)
        return ReportSelection(runs: runs, rows: filter.apply(rows))
    }

    static func resolve(store: ResultStore, runIDs: [Int64], protocolName: String?, group: String? = nil) throws -> [Int64] {
        if !runIDs.isEmpty { return runIDs }
        if let group {
            let members = try store.runs(group: group)
            guard !members.isEmpty else { throw ReportSelectionError.unknownGroup(name: group, path: store.path) }
            return members.map(\.id)
        }
        let all = try store.runs()
        guard !all.isEmpty else { throw ReportSelectionError.emptyDatabase(path: store.path) }
        let latest = try latestRun(all, protocolName: protocolName, path: store.path)
        guard let group = latest.group else { return [latest.id] }
        return try store.runs(group: group).filter { $0.protocolHash == latest.protocolHash }.map(\.id)
    }

    private static func latestRun(_ all: [RunRecord], protocolName: String?, path: String) throws -> RunRecord {
        if let protocolName {
            guard let latest = all.first(where: { $0.protocolName == protocolName }) else {
                var known: [String] = []
                for run in all where !known.contains(run.protocolName) { known.append(run.protocolName) }
                throw ReportSelectionError.unknownProtocol(name: protocolName, path: path, known: known)
            }
            return latest
        }
        return all[0]
    }
}
