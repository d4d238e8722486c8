import Foundation

extension ResultStore {
    /// Decodes one column of a fetched row, throwing `badValue` when it does not hold what the column must.
    typealias ColumnCheck = @Sendable (StoredRow, String) throws -> Void

    /// Every column dlbench writes, with the typed decoder its readers use, so `merge` refuses a bad value with
    /// the same error a reader would give, before the value reaches a good database.
    static let columnChecks: [String: [String: ColumnCheck]] = [
        "runs": [
            "protocol_name": required(String.self), "protocol_path": required(String.self),
            "protocol_text": required(String.self), "protocol_hash": required(String.self),
            "started_at": required(Date.self), "ended_at": nullable(Date.self), "status": required(RunStatus.self),
            "dlbench_commit": nullable(String.self), "order_seed": nullable(UInt64.self),
            "harness_overhead_ns": nullable(Double.self), "isolation": nullable(String.self),
            "stopping_reason": nullable(String.self), "run_uuid": nullable(String.self),
            "run_group": nullable(String.self), "shard": nullable(String.self),
        ],
        "machines": [
            "run_id": required(Int64.self), "name": required(String.self), "identity_hash": required(String.self),
            "fingerprint_json": { row, column in _ = try row.fingerprint(column) },
            "cpu_model": required(String.self), "logical_cores": required(Int.self),
            "memory_bytes": required(Int64.self), "os_name": required(String.self), "kernel": required(String.self),
            "swift_version": required(String.self), "openblas_config": required(String.self),
            "threads": required(Int.self), "git_commit": nullable(String.self),
        ],
        "cases": [
            "run_id": required(Int64.self), "machine_id": required(Int64.self), "task": required(String.self),
            "task_kind": required(String.self), "engine": required(String.self), "engine_kind": required(String.self),
            "model": required(String.self), "dataset": required(String.self), "batch_size": nullable(Int.self),
            "status": required(CaseStatus.self), "message": nullable(String.self), "config_json": required(String.self),
        ],
        "trials": [
            "case_id": required(Int64.self), "trial_index": required(Int.self), "started_at": required(Date.self),
            "ended_at": required(Date.self),
        ],
        "samples": [
            "trial_id": required(Int64.self), "metric": required(String.self), "unit": required(String.self),
            "sequence": required(Int.self), "value": nullable(Double.self),
        ],
        "kernel_profiles": [
            "trial_id": required(Int64.self), "position": required(Int.self), "kernel": required(String.self),
            "launches_per_step": required(Double.self), "nanoseconds_per_step": required(Double.self),
        ],
        "trial_order": [
            "run_id": required(Int64.self), "round": required(Int.self), "position": required(Int.self),
            "case_id": required(Int64.self),
        ],
        "run_warnings": [
            "run_id": required(Int64.self), "case_id": nullable(Int64.self), "kind": required(String.self),
            "message": required(String.self),
        ],
        "run_pairs": [
            "candidate_run_id": required(Int64.self), "baseline_run_id": required(Int64.self),
            "baseline_binary": required(String.self),
        ],
    ]

    /// Runs the checks of `row.table` on `columns` (columns this build does not know are not checked).
    static func validate(_ row: StoredRow, columns: [String]) throws {
        let checks = columnChecks[row.table] ?? [:]
        for column in columns {
            try checks[column]?(row, column)
        }
    }

    private static func required<T: StoredValue>(_ type: T.Type) -> ColumnCheck {
        { row, column in _ = try row.value(column) as T }
    }

    private static func nullable<T: StoredValue>(_ type: T.Type) -> ColumnCheck {
        { row, column in _ = try row.optional(column) as T? }
    }
}
