import Foundation

/// Student's t distribution: the two-sided critical values and p-values of trial-level intervals and tests.
///
/// With the trial (one worker process) as the unit of replication a case has 3–40 observations, where the
/// normal quantile 1.96 instead of t(2, 0.975) = 4.30 would make a "95%" interval cover far less often.
/// Written here because the distribution is 50 lines over the regularized incomplete beta function and no
/// package on the machine offers it.
public enum StudentT {
    /// P(|T| ≥ |t|) for `degreesOfFreedom` > 0; 1 for t = 0, 0 for infinite t.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? 1 : 0 }
        guard degreesOfFreedom > 0 else { return 1 }
        let x = degreesOfFreedom / (degreesOfFreedom + t * t)
        return min(1, max(0, regularizedIncompleteBeta(x, a: degreesOfFreedom / 2, b: 0.5)))
    }

    /// The t with P(|T| ≥ t) = 1 − level, e.g. 2.776 for level 0.95 and 4 degrees of freedom.
    ///
    /// Newton's method on the two-sided tail from the Cornish–Fisher start (a few steps: the stopping rule asks
    /// after every trial); bisection where Newton would leave the bracket.
    public static func criticalValue(level: Double, degreesOfFreedom: Double) -> Double {
        precondition(level > 0 && level < 1, "level must be in (0, 1)")
        let tail = 1 - level
        let freedom = degreesOfFreedom
        var low = 0.0
        var high = 1.0
        while twoSidedPValue(high, degreesOfFreedom: freedom) > tail && high < 1e12 { high *= 2 }
        let z = normalQuantile(1 - tail / 2)
        let z3 = z * z * z
        var t = z + (z3 + z) / (4 * freedom) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * freedom * freedom)
        if !(t > low && t < high) { t = (low + high) / 2 }
        let logNormaliser: Double = lgamma((freedom + 1) / 2) - lgamma(freedom / 2) - 0.5 * log(freedom * Double.pi)
        for _ in 0..<100 {
            let excess = twoSidedPValue(t, degreesOfFreedom: freedom) - tail
            if abs(excess) <= 1e-14 * tail { return t }
            if excess > 0 { low = t } else { high = t }
            let density = exp(logNormaliser - (freedom + 1) / 2 * log1p(t * t / freedom))
            var next = t + excess / (2 * density)
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 1e-13 * t { return next }
            t = next
        }
        return t
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9), the start of Newton.
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716,
                 2.506628277459239]
        let b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
        let c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
                 2.938163982698783]
        let d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
        func tailValue(_ q: Double) -> Double {
            let numerator: Double = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
            let denominator: Double = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
            return numerator / denominator
        }
        if p < 0.02425 { return tailValue((-2 * log(p)).squareRoot()) }
        if p > 1 - 0.02425 { return -tailValue((-2 * log(1 - p)).squareRoot()) }
        let q = p - 0.5
        let r = q * q
        let numerator: Double = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        let denominator: Double = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
        return numerator / denominator
    }

    /// I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method), using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...300 {
            let m = Double(m)
            let evenDenominator: Double = (a + 2 * m - 1) * (a + 2 * m)
            let even: Double = m * (b - m) * x / evenDenominator
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let oddDenominator: Double = (a + 2 * m) * (a + 2 * m + 1)
            let odd: Double = -(a + m) * (a + b + m) * x / oddDenominator
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return result
    }
}
