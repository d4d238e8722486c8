import Foundation
import ResultStore

/// Why the runs asked for cannot be reported; one actionable line each.
public enum ReportSelectionError: Error, CustomStringConvertible, Equatable {
    case emptyDatabase(path: String)
    case unknownRun(id: Int64, path: String)
    case unknownProtocol(name: String, path: String, known: [String])

    public var description: String {
        switch self {
        case let .emptyDatabase(path):
            return "no runs in \(path); start one with `dlbench run Protocols/quickstart.json`"
        case let .unknownRun(id, path):
            return "run \(id) is not in \(path); `dlbench runs --db \(path)` lists them"
        case let .unknownProtocol(name, path, known):
            return "no run of protocol \(name) in \(path) (protocols there: \(known.joined(separator: ", ")))"
        }
    }
}

/// The rows and run facts of the runs a command names: `--run` ids, else the latest run of `--protocol`,
/// else the latest run; then `ReportFilter`.
public struct ReportSelection: Sendable {
    public var runs: [ReportRun]
    public var rows: [ReportRow]

    public static func load(from store: ResultStore, runIDs: [Int64] = [], protocolName: String? = nil,
                            filter: ReportFilter = ReportFilter()) throws -> ReportSelection {
        let ids = try resolve(store: store, runIDs: runIDs, protocolName: protocolName)
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

    static func resolve(store: ResultStore, runIDs: [Int64], protocolName: String?) throws -> [Int64] {
        if !runIDs.isEmpty { return runIDs }
        let all = try store.runs()
        guard !all.isEmpty else { throw ReportSelectionError.emptyDatabase(path: store.path) }
        if let protocolName {
            guard let latest = all.first(where: { $0.protocolName == protocolName }) else {
                var known: [String] = []
                for run in all where !known.contains(run.protocolName) { known.append(run.protocolName) }
                throw ReportSelectionError.unknownProtocol(name: protocolName, path: store.path, known: known)
            }
            return [latest.id]
        }
        return [all[0].id]
    }
}
