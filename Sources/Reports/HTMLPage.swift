import Foundation
import Measurement

/// What every section of the HTML report shares: the rows, the headline built from them, one engine palette for
/// the whole page, and which names the rows all share (said once at the top instead of on every bar and line).
struct HTMLPage {
    var rows: [ReportRow]
    var runs: [ReportRun]
    var headline: Headline
    var settings: ComparisonSettings
    var palette: EnginePalette
    /// The machine every row ran on; nil when rows come from several machines (labels then name theirs).
    var sharedMachine: String?
    /// Several runs: titles and the table carry the run.
    var showsRun: Bool

    init(rows: [ReportRow], runs: [ReportRun], headline: Headline, settings: ComparisonSettings) {
        self.rows = rows
        self.runs = runs
        self.headline = headline
        self.settings = settings
        palette = EnginePalette(engines: rows.map(\.engine))
        let machines = Set(rows.map(\.machine))
        sharedMachine = machines.count == 1 ? machines.first : nil
        showsRun = Set(rows.map(\.runID)).count > 1
    }

    /// The run lines (protocol, start, status, machines) and, when all rows share a machine, the one caption naming it.
    func runFacts() -> [String] {
        var lines = runs.map { run in
            let machines = run.machines.map {
                "\(HTMLReport.escape($0.name)) (\(HTMLReport.escape($0.fingerprint.cpuModel)), \($0.fingerprint.threads) threads)"
            }
            return "<p>run \(run.id): <b>\(HTMLReport.escape(run.protocolName))</b>, started "
                + "\(ReportRun.timestamp(run.startedAt)), \(HTMLReport.escape(run.status))"
                + (machines.isEmpty ? "" : "; machines: " + machines.joined(separator: ", ")) + "</p>"
        }
        if let sharedMachine {
            lines.append("<p class=\"note\">Every case ran on machine <b>\(HTMLReport.escape(sharedMachine))</b>, "
                         + "so charts and tables leave the machine out.</p>")
        }
        lines.append("<p class=\"note\">Estimates are the geometric mean of the per-trial medians; each 95% CI is "
                     + "Student's t over trials (a trial is one worker process). Colour stands for the engine "
                     + "throughout the page; every bar also carries the engine's name.</p>")
        return lines
    }

    /// A slot's title: task, machine (unless shared), batch size, run (when several).
    func title(_ slot: HeadlineSlot) -> String {
        slot.title(showMachine: sharedMachine == nil, showRun: showsRun)
    }

    /// The rows of one headline slot (same run, task, machine, batch size).
    func rows(of slot: HeadlineSlot) -> [ReportRow] {
        rows.filter {
            $0.runID == slot.runID && $0.task == slot.task && $0.machine == slot.machine && $0.batchSize == slot.batchSize
        }
    }

    /// The trial-level estimate as the table shows it (the settings' level and run-to-run spread).
    func estimate(_ row: ReportRow) -> TrialEstimate? {
        row.trialEstimate(level: settings.confidenceLevel, runSpread: settings.runSpread)
    }

    /// A name fit for an HTML id: letters, digits and '-' only.
    static func identifier(_ parts: [String]) -> String {
        let joined = parts.joined(separator: "-").lowercased()
        let kept = joined.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(kept)
    }

    /// A metric's short name for chart titles and axes; the stored name for metrics without one.
    static func metricLabel(_ metric: String) -> String {
        let labels = ["step_time": "step time", "latency": "latency", "time_to_first_step": "time to first step",
                      "peak_rss_bytes": "peak RSS", "peak_live_bytes": "peak live tensor bytes",
                      "samples_per_second": "throughput"]
        return labels[metric] ?? metric
    }
}
