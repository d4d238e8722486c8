/// The allowed range of an integer field, and how to say it in a message ("an integer ≥ 1").
struct IntegerBounds: Sendable, Equatable {
    var minimum: Int?
    var maximum: Int?

    static let any = IntegerBounds(minimum: nil, maximum: nil)
    static func atLeast(_ minimum: Int) -> IntegerBounds { IntegerBounds(minimum: minimum, maximum: nil) }
    static func within(_ range: ClosedRange<Int>) -> IntegerBounds {
        IntegerBounds(minimum: range.lowerBound, maximum: range.upperBound)
    }

    func contains(_ value: Int) -> Bool {
        (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
    }

    var expectation: String {
        switch (minimum, maximum) {
        case let (low?, high?): return "an integer between \(low) and \(high)"
        case let (low?, nil): return "an integer ≥ \(low)"
        case let (nil, high?): return "an integer ≤ \(high)"
        case (nil, nil): return "an integer"
        }
    }
}

/// The allowed range of a real-valued field, with open or closed ends ("a number > 0").
struct NumberBounds: Sendable, Equatable {
    var minimum: Double?
    var minimumIsExclusive = false
    var maximum: Double?
    var maximumIsExclusive = false

    static let any = NumberBounds()
    static func greaterThan(_ value: Double) -> NumberBounds { NumberBounds(minimum: value, minimumIsExclusive: true) }
    static func atLeast(_ value: Double) -> NumberBounds { NumberBounds(minimum: value) }
    /// `0 < x ≤ one week`: every duration in seconds.
    static let seconds = NumberBounds(minimum: 0, minimumIsExclusive: true, maximum: ProtocolLimits.seconds)
    static func within(_ range: ClosedRange<Double>) -> NumberBounds {
        NumberBounds(minimum: range.lowerBound, maximum: range.upperBound)
    }
    /// `low ≤ x < high`.
    static func halfOpen(_ low: Double, _ high: Double) -> NumberBounds {
        NumberBounds(minimum: low, maximum: high, maximumIsExclusive: true)
    }

    /// Never true for NaN or an infinity (`1e400` parses to one): no bound a protocol needs is infinite.
    func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let aboveMinimum = minimum.map { minimumIsExclusive ? value > $0 : value >= $0 } ?? true
        let belowMaximum = maximum.map { maximumIsExclusive ? value < $0 : value <= $0 } ?? true
        return aboveMinimum && belowMaximum
    }

    var expectation: String {
        var conditions: [String] = []
        if let minimum {
            conditions.append("\(minimumIsExclusive ? ">" : "≥") \(NumberBounds.format(minimum))")
        }
        if let maximum {
            conditions.append("\(maximumIsExclusive ? "<" : "≤") \(NumberBounds.format(maximum))")
        }
        return conditions.isEmpty ? "a number" : "a number " + conditions.joined(separator: " and ")
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 {
            return String(Int(value))
        }
        return String(value)
    }
}
