import Foundation

extension ReportRow {
    /// The unit of every time in CSV and JSON reports. The store keeps each metric in its own unit (step times in
    /// ms, epoch times in s); a file for pandas, R or a spreadsheet must not make its reader convert per row, so
    /// machine-readable outputs give every time in seconds (the `unit` column says so) and sizes in bytes, as
    /// stored. docs/report-json.md and docs/metrics.md state it.
    public static let exportTimeUnit = "s"

    /// This row with its times in `exportTimeUnit` (values, statistics and raw samples scaled alike); other rows as
    /// they are.
    public var inExportUnits: ReportRow {
        guard MetricDirection.isTime(unit: unit), unit != ReportRow.exportTimeUnit,
              let factor = UnitConversion.factor(from: unit, to: ReportRow.exportTimeUnit) else { return self }
        // Dividing by the exact 1000 (not multiplying by the inexact 0.001) keeps 2.25 ms as 0.00225 s.
        let divisor = (1 / factor).rounded()
        let convert: (Double) -> Double = factor < 1 ? { $0 / divisor } : { $0 * factor }
        var row = self
        row.unit = ReportRow.exportTimeUnit
        row.median = median.map(convert)
        row.p10 = p10.map(convert)
        row.p90 = p90.map(convert)
        row.mean = mean.map(convert)
        row.min = min.map(convert)
        row.max = max.map(convert)
        row.samples = samples.map(convert)
        return row
    }
}
