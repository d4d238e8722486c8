/// Factors between units of one quantity, so a baseline written in ms can gate a metric stored in s.
enum UnitConversion {
    private static let scales: [[String: Double]] = [
        ["s": 1, "seconds": 1, "ms": 1e-3, "milliseconds": 1e-3, "µs": 1e-6, "us": 1e-6, "ns": 1e-9, "nanoseconds": 1e-9],
        ["bytes": 1, "B": 1, "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824],
    ]

    /// What to multiply a value in `unit` by to express it in `target`; nil when they measure different things.
    static func factor(from unit: String, to target: String) -> Double? {
        if unit == target { return 1 }
        for scale in scales {
            if let from = scale[unit], let to = scale[target] { return from / to }
        }
        return nil
    }
}
