import Foundation
import Measurement
import ResultStore

/// A run's warnings grouped by kind: each kind once, with what it means, the cases it concerns (each with its
/// own figures) and one hint, so 30 per-case warnings read as three groups and an identical message never repeats.
///
/// Stored messages are "<case label>: <figures>[: <meaning>]; <hint>" (`NoiseCheck`); the label, meaning and hint
/// are split off where present, and a message of an unknown shape (an older or newer dlbench) is kept whole.
public struct WarningDigest: Sendable, Equatable {
    /// One case's figures within a group.
    public struct Concern: Sendable, Equatable {
        public var label: String
        public var details: [String]
    }

    public struct Group: Sendable, Equatable {
        /// The stored kind (`NoiseWarning.Kind` raw value, or an unknown one kept as stored).
        public var kind: String
        public var meaning: String?
        public var hint: String?
        /// Per case, in first-seen order: the case label and its distinct figures.
        public var cases: [Concern]
        /// Distinct messages not about one case (load, governor, harness overhead).
        public var general: [String]
        /// Stored warnings in this group, repeats included.
        public var count: Int
    }

    public var groups: [Group]

    public var total: Int { groups.reduce(0) { $0 + $1.count } }

    /// `caseLabels`: case id → "task · engine · machine · batch N", the prefix the runner wrote.
    public init(warnings: [StoredWarning], caseLabels: [Int64: String]) {
        var groups: [Group] = []
        for warning in warnings {
            let kind = NoiseWarning.Kind(rawValue: warning.kind)
            var index = groups.firstIndex { $0.kind == warning.kind }
            if index == nil {
                groups.append(Group(kind: warning.kind, meaning: kind?.meaning, hint: kind?.hint, cases: [], general: [],
                                    count: 0))
                index = groups.count - 1
            }
            guard let index else { continue }
            groups[index].count += 1
            let label = warning.caseID.flatMap { caseLabels[$0] }
            let detail = Self.detail(of: warning.message, label: label, kind: kind)
            if let label {
                if let position = groups[index].cases.firstIndex(where: { $0.label == label }) {
                    if !groups[index].cases[position].details.contains(detail) {
                        groups[index].cases[position].details.append(detail)
                    }
                } else {
                    groups[index].cases.append(Concern(label: label, details: [detail]))
                }
            } else if !groups[index].general.contains(detail) {
                groups[index].general.append(detail)
            }
        }
        self.groups = groups
    }

    /// The message without its case label, meaning and hint (those are printed once per group).
    static func detail(of message: String, label: String?, kind: NoiseWarning.Kind?) -> String {
        var text = message
        if let label, text.hasPrefix(label + ": ") { text.removeFirst(label.count + 2) }
        if let kind {
            if text.hasSuffix("; " + kind.hint) { text.removeLast(kind.hint.count + 2) }
            if text.hasSuffix(": " + kind.meaning) { text.removeLast(kind.meaning.count + 2) }
        }
        return text
    }
}
