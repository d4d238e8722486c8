import Foundation
import ResultStore

/// The run history shown by `dlbench runs`: which protocol ran when, for how long, and how
/// many cases succeeded, failed or were skipped — enough to pick a run id for `report`.
public enum RunListReport {
    /// Renders `runs` in the given order; times are shown in `timeZone` (UTC by default, so
    /// output is the same on every machine). A "group · shard" column appears when any run is a shard.
    public static func render(_ runs: [RunRecord], timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) -> String {
        guard !runs.isEmpty else { return "No runs recorded yet — start one with `dlbench run <protocol.json>`.\n" }
        var table = TextTable(columns: [
            .init(title: "id", alignment: .right),
            .init(title: "protocol", alignment: .left),
            .init(title: "started", alignment: .left),
            .init(title: "duration", alignment: .right),
            .init(title: "status", alignment: .left),
            .init(title: "ok", alignment: .right),
            .init(title: "failed", alignment: .right),
            .init(title: "skipped", alignment: .right),
        ])
        let sharded = runs.contains { $0.group != nil }
        if sharded { table.columns.append(.init(title: "group · shard", alignment: .left)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        for run in runs {
            table.append([
                .init(String(run.id)),
                .init(run.protocolName),
                .init(formatter.string(from: run.startedAt)),
                .init(run.endedAt.map { duration($0.timeIntervalSince(run.startedAt)) } ?? "-"),
                .init(run.status.rawValue),
                .init(String(run.caseCounts.succeeded)),
                .init(String(run.caseCounts.failed)),
                .init(String(run.caseCounts.skipped)),
            ] + (sharded ? [.init([run.group, run.shard].compactMap { $0 }.joined(separator: " · "))] : []))
        }
        return table.render(colour: false)
    }

    /// "12.3s", "3m05s", "1h02m".
    static func duration(_ seconds: TimeInterval) -> String {
        let clamped = max(0, seconds)
        if clamped < 60 { return String(format: "%.1fs", clamped) }
        let whole = Int(clamped.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}
