import ResultStore

extension ReportSelection {
    /// The selected runs, plus — when they come from a single machine — the latest run (with its group's other
    /// shards) of the same protocol from every other machine in the database, so `report --machines` on a
    /// merged or shared database puts a fleet side by side without listing run ids.
    public static func loadAcrossMachines(from store: ResultStore, runIDs: [Int64] = [], protocolName: String? = nil,
                                          group: String? = nil, filter: ReportFilter = ReportFilter()) throws -> ReportSelection {
        var ids = try resolve(store: store, runIDs: runIDs, protocolName: protocolName, group: group)
        var covered = Set<String>()
        for id in ids { covered.formUnion(try store.machines(runID: id).map(\.identityHash)) }
        if covered.count <= 1, let first = ids.first, let hash = try store.run(id: first)?.protocolHash {
            for run in try store.runs() where run.protocolHash == hash && !ids.contains(run.id) {
                let identities = Set(try store.machines(runID: run.id).map(\.identityHash))
                guard covered.isDisjoint(with: identities) else { continue }
                let members = try run.group.map { try store.runs(group: $0).filter { $0.protocolHash == hash } } ?? [run]
                for member in members where !ids.contains(member.id) {
                    ids.append(member.id)
                    covered.formUnion(try store.machines(runID: member.id).map(\.identityHash))
                }
            }
        }
        return try load(from: store, runIDs: ids, filter: filter)
    }
}
