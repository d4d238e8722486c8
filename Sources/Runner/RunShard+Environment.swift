import Foundation

extension RunShard {
    /// `--shard auto`: the shard a job array gives this process, and the group key the array's tasks share.
    ///
    /// Slurm: `SLURM_ARRAY_TASK_ID` from `SLURM_ARRAY_TASK_MIN` in steps of `SLURM_ARRAY_TASK_STEP`, of
    /// `SLURM_ARRAY_TASK_COUNT`; group `SLURM_ARRAY_JOB_ID`. Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (from 0)
    /// of `DLBENCH_SHARD_COUNT` (set it to the Job's completions; Kubernetes does not export them); no group key
    /// is exported there, so `--group` (or `DLBENCH_GROUP`) names it.
    public static func fromEnvironment(_ environment: [String: String]) throws -> (shard: RunShard, group: String?) {
        func number(_ variable: String) throws -> Int? {
            guard let text = environment[variable] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw RunShardError.badEnvironment(variable: variable, value: text)
            }
            return value
        }
        let group = environment["DLBENCH_GROUP"]
        if let task = try number("SLURM_ARRAY_TASK_ID"), let count = try number("SLURM_ARRAY_TASK_COUNT") {
            let minimum = try number("SLURM_ARRAY_TASK_MIN") ?? 1
            let step = max(1, try number("SLURM_ARRAY_TASK_STEP") ?? 1)
            return (try RunShard(index: (task - minimum) / step + 1, count: count),
                    group ?? environment["SLURM_ARRAY_JOB_ID"])
        }
        if let completion = try number("JOB_COMPLETION_INDEX"), let count = try number("DLBENCH_SHARD_COUNT") {
            return (try RunShard(index: completion + 1, count: count), group)
        }
        throw RunShardError.noScheduler
    }
}
