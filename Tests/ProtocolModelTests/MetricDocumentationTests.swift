import Foundation
import XCTest
@testable import ProtocolModel

/// docs/metrics.md and the schema's metric descriptions are generated from `Metric` (name, unit, polarity, task
/// kinds, `definition`), so no metric can be missing or described differently in one place.
/// `DLBENCH_RECORD_GOLDEN=1` rewrites both generated parts.
final class MetricDocumentationTests: XCTestCase {
    static let root = SchemaAgreementTests.schemaURL.deletingLastPathComponent().deletingLastPathComponent()
    static let documentURL = root.appendingPathComponent("docs/metrics.md")
    static let begin = "<!-- generated from Sources/ProtocolModel/Metric.swift by MetricDocumentationTests: begin -->"
    static let end = "<!-- generated: end -->"

    static func polarity(_ metric: Metric) -> String {
        metric.polarity == .lowerIsBetter ? "lower is better" : "higher is better"
    }

    static func tasks(_ metric: Metric) -> String {
        TaskKind.allCases.filter { metric.applies(to: $0) }.map(\.rawValue).joined(separator: ", ")
    }

    /// The markdown table of every metric.
    static var table: String {
        let header = ["| metric | unit | polarity | tasks | what is measured |", "|---|---|---|---|---|"]
        let rows = Metric.allCases.map { metric in
            "| `\(metric.rawValue)` | \(metric.unit) | \(polarity(metric)) | \(tasks(metric)) | "
                + metric.definition.replacingOccurrences(of: "|", with: "\\|") + " |"
        }
        return (header + rows).joined(separator: "\n")
    }

    /// The schema's `enumDescriptions` lines (editors show them beside each metric name).
    static var schemaDescriptions: String {
        let items = Metric.allCases.map { metric -> String in
            let text = "\(metric.unit), \(polarity(metric)), \(tasks(metric)): \(metric.definition)"
            return "        \"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "\"enumDescriptions\": [\n" + items.joined(separator: ",\n") + "\n      ]"
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["DLBENCH_RECORD_GOLDEN"] == "1" }

    func testDocsMetricsDefinesEveryMetricAsTheSourceDoes() throws {
        var text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        let generated = Self.begin + "\n" + Self.table + "\n" + Self.end
        if Self.recording, let start = text.range(of: Self.begin), let stop = text.range(of: Self.end) {
            text.replaceSubrange(start.lowerBound..<stop.upperBound, with: generated)
            try text.write(to: Self.documentURL, atomically: true, encoding: .utf8)
        }
        XCTAssertTrue(text.contains(generated), "docs/metrics.md is out of date (DLBENCH_RECORD_GOLDEN=1 regenerates it)")
        for metric in Metric.allCases {
            XCTAssertTrue(text.contains("| `\(metric.rawValue)` |"), "\(metric.rawValue) missing from docs/metrics.md")
        }
    }

    func testTheSchemaDescribesEveryMetricAsTheSourceDoes() throws {
        var text = try String(contentsOf: SchemaAgreementTests.schemaURL, encoding: .utf8)
        if Self.recording, let start = text.range(of: "\"enumDescriptions\": ["),
           let stop = text.range(of: "\n      ]", range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.lowerBound..<stop.upperBound, with: Self.schemaDescriptions)
            try text.write(to: SchemaAgreementTests.schemaURL, atomically: true, encoding: .utf8)
        }
        XCTAssertTrue(text.contains(Self.schemaDescriptions),
                      "the schema's metric enumDescriptions are out of date (DLBENCH_RECORD_GOLDEN=1 regenerates them)")
        XCTAssertNoThrow(try JSONParser.parse(Data(text.utf8)))
    }

    func testEveryMetricHasADefinitionSentence() {
        for metric in Metric.allCases {
            XCTAssertTrue(metric.definition.hasSuffix("."), metric.rawValue)
            XCTAssertGreaterThan(metric.definition.count, 20, metric.rawValue)
        }
    }
}
