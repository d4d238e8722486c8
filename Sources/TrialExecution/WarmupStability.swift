/// Decides when warm-up has stabilised: the medians of the two most recent windows of step times differ by
/// at most `tolerance` relative to the newer one (caches, allocator pools and branch predictors warmed).
struct WarmupStability {
    let tolerance: Double
    let window: Int
    private var durations: [UInt64] = []

    init(tolerance: Double, window: Int = 5) {
        self.tolerance = tolerance
        self.window = window
    }

    mutating func record(_ nanoseconds: UInt64) { durations.append(nanoseconds) }

    var isStable: Bool {
        guard durations.count >= 2 * window else { return false }
        let recent = WarmupStability.median(durations.suffix(window))
        let previous = WarmupStability.median(durations.dropLast(window).suffix(window))
        guard recent > 0 else { return true }
        return abs(recent - previous) / recent <= tolerance
    }

    private static func median<Values: Collection>(_ values: Values) -> Double where Values.Element == UInt64 {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }
}
