import ArgumentParser
import Foundation
import Reports
import ResultStore

/// `dlbench report --kernels`: the kernel breakdown of profiled cases instead of the metric rows.
extension ReportCommand {
    static let kernelFormats: [ReportFormat] = [.table, .csv, .json, .markdown]

    func printKernelBreakdown(_ store: ResultStore) throws {
        let colour = Terminal.colourOnStandardOutput
        let chosen = format ?? (Terminal.standardOutputIsTerminal ? .table : .csv)
        guard Self.kernelFormats.contains(chosen) else {
            throw CommandFailure("--kernels prints formats \(Self.kernelFormats.map(\.rawValue).joined(separator: ", ")); "
                                 + "found --format \(chosen.rawValue)")
        }
        guard baselineEngine == nil, pivotMetric == nil else {
            throw CommandFailure("--kernels shows kernels, not the speedup pivot; drop --baseline-engine and --pivot-metric")
        }
        let breakdown: KernelBreakdown
        do {
            breakdown = try KernelBreakdown.load(from: store, runIDs: runIDs, protocolName: protocolName,
                                                 filter: filters.filter)
        } catch let error as ReportSelectionError {
            throw CommandFailure(error.description)
        }
        if breakdown.cases.isEmpty {
            // One line instead of an empty table; csv and json keep standard output parseable (a header, an empty
            // list) and say it on standard error.
            guard chosen == .csv || chosen == .json else { return print(breakdown.emptyMessage) }
            FileHandle.standardError.write(Data((breakdown.emptyMessage + "\n").utf8))
        }
        switch chosen {
        case .csv: print(KernelBreakdownReport.csv(breakdown), terminator: "")
        case .json: print(KernelBreakdownReport.json(breakdown), terminator: "")
        case .markdown: print(KernelBreakdownReport.markdown(breakdown), terminator: "")
        default: print(KernelBreakdownReport.table(breakdown, colour: colour), terminator: "")
        }
    }
}
