/// Sums, maxima and dot products over contiguous rows with eight-wide accumulators. A plain `total += x[i]` loop
/// cannot vectorise (float addition is not reassociated), so it runs at one add per 4-cycle latency: layer norm
/// over W4's 64-wide rows spent most of its time there. The summation order differs from a left-to-right loop by
/// rounding only, and every engine calls these same kernels.
public enum RowReductions {
    @inline(__always)
    public static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD8<Float>.zero
        var index = 0
        while index + 8 <= count {
            accumulator += UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        var total = accumulator.sum()
        while index < count { total += x[index]; index += 1 }
        return total
    }

    @inline(__always)
    public static func maximum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        // Compare-and-select rather than Swift.max, whose NaN rules compile to a branch per element.
        var best = -Float.infinity
        var index = 0
        if count >= 8 {
            var accumulator = SIMD8<Float>(repeating: -.infinity)
            while index + 8 <= count {
                let values = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
                accumulator.replace(with: values, where: values .> accumulator)
                index += 8
            }
            for lane in 0..<8 where accumulator[lane] > best { best = accumulator[lane] }
        }
        while index < count { if x[index] > best { best = x[index] }; index += 1 }
        return best
    }

    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD8<Float>.zero
        var index = 0
        while index + 8 <= count {
            accumulator += UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        var total = accumulator.sum()
        while index < count { total += a[index] * b[index]; index += 1 }
        return total
    }

    /// Σ (x − center)², the second pass of a two-pass variance.
    @inline(__always)
    public static func squaredDeviations(_ x: UnsafePointer<Float>, _ count: Int, from center: Float) -> Float {
        var accumulator = SIMD8<Float>.zero
        let centers = SIMD8<Float>(repeating: center)
        var index = 0
        while index + 8 <= count {
            let deviation = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - centers
            accumulator += deviation * deviation
            index += 8
        }
        var total = accumulator.sum()
        while index < count { let deviation = x[index] - center; total += deviation * deviation; index += 1 }
        return total
    }
}
