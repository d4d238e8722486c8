import Measurement

extension ResultStore {
    /// The kernel breakdown of every profiled case of `runID`, in case order; cases without a profiled trial are
    /// absent. Per kernel: the median over the case's profiled trials of time and launches per step.
    public func kernelProfiles(runID: Int64) throws -> [CaseKernelProfile] {
        try read("reading kernel profiles of run \(runID)") { db in
            let rows = try db.fetch("""
                SELECT \(db.dialect.rowIdentity(hasID: false, alias: "k")) AS profile_id, t.case_id, t.id AS trial_id, k.kernel, k.launches_per_step, k.nanoseconds_per_step
                FROM kernel_profiles k JOIN trials t ON t.id = k.trial_id JOIN cases c ON c.id = t.case_id
                WHERE c.run_id = ?
                ORDER BY t.case_id, t.trial_index, k.position
                """, runID)
            var cases: [KernelTrials] = []
            for fetched in rows {
                let profile = try StoredRow(fetched, table: "kernel_profiles", idColumn: "profile_id", path: path)
                let trial = try StoredRow(fetched, table: "trials", idColumn: "trial_id", path: path)
                let caseID: Int64 = try trial.value("case_id")
                if cases.last?.caseID != caseID { cases.append(KernelTrials(caseID: caseID)) }
                cases[cases.count - 1].add(trial: trial.id, kernel: try profile.value("kernel"),
                                           launches: try profile.value("launches_per_step"),
                                           nanoseconds: try profile.value("nanoseconds_per_step"))
            }
            return cases.map(\.medians)
        }
    }
}

/// One case's stored kernel rows, gathered trial by trial before taking medians.
private struct KernelTrials {
    let caseID: Int64
    private var trialIDs: [Int64] = []
    private var order: [String] = []
    /// kernel → trial id → (launches, nanoseconds) per step.
    private var values: [String: [Int64: (launches: Double, nanoseconds: Double)]] = [:]

    init(caseID: Int64) { self.caseID = caseID }

    mutating func add(trial: Int64, kernel: String, launches: Double, nanoseconds: Double) {
        if trialIDs.last != trial { trialIDs.append(trial) }
        if values[kernel] == nil { order.append(kernel) }
        values[kernel, default: [:]][trial] = (launches, nanoseconds)
    }

    /// Medians over every profiled trial, a kernel absent from a trial counting as 0 launches and 0 ns there.
    var medians: CaseKernelProfile {
        let kernels = order.map { kernel -> KernelTime in
            let perTrial = trialIDs.map { values[kernel]?[$0] ?? (0, 0) }
            return KernelTime(kernel: kernel,
                              launchesPerStep: SampleSummary.percentile(50, ofSorted: perTrial.map(\.launches).sorted()),
                              nanosecondsPerStep: SampleSummary.percentile(50, ofSorted: perTrial.map(\.nanoseconds).sorted()))
        }
        return CaseKernelProfile(caseID: caseID, trials: trialIDs.count, kernels: kernels)
    }
}
