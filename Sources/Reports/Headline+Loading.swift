import Foundation
import ResultStore

/// The headline of stored runs, each with its own protocol's baseline, primary metrics and expectations.
extension Headline {
    public static func load(from store: ResultStore, runIDs: [Int64], rows: [ReportRow], baseline: String? = nil,
                            settings: ComparisonSettings = ComparisonSettings()) throws -> Headline {
        var facts: [Int64: ProtocolFacts] = [:]
        for runID in runIDs { facts[runID] = try ProtocolFacts.load(from: store, runID: runID) }
        return Headline(rows: rows, facts: facts, baseline: baseline, settings: settings)
    }
}
