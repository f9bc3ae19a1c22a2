import Foundation

/// Student's t distribution with ν degrees of freedom: what the mean of n normal
/// samples, minus the true mean, divided by its estimated standard error, follows
/// (ν = n − 1). Used for the 95 % intervals of `Replicates`.
///
/// Computed from the regularized incomplete beta function:
/// P(T > t) = ½ · I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0. The quantile inverts that by a
/// safeguarded Newton iteration to a relative error below 1e-11 (checked against
/// SciPy's `t.ppf` in the tests). ν = ∞ is the standard normal distribution.
public enum StudentT {
    /// P(T ≤ t).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "StudentT: degrees of freedom must be positive, got \(nu)")
        if t.isNaN { return .nan }
        let tail = upperTail(abs(t), nu)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, for 0 < p < 1 (±∞ at 0 and 1).
    ///
    /// `quantile(0.975, degreesOfFreedom: 4)` = 2.776445…, the factor of the 95 %
    /// interval of the mean of 5 values.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "StudentT: degrees of freedom must be positive, got \(nu)")
        precondition(p >= 0 && p <= 1, "StudentT: probability must lie in [0, 1], got \(p)")
        if p == 0.5 { return 0 }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let tail = p > 0.5 ? 1 - p : p
        let t = upperQuantile(tail, nu)
        return p > 0.5 ? t : -t
    }

    /// P(T > t) for t ≥ 0, without the cancellation of 1 − cdf.
    static func upperTail(_ t: Double, _ nu: Double) -> Double {
        if t.isInfinite { return 0 }
        if nu.isInfinite { return 0.5 * erfc(t / 2.0.squareRoot()) }
        // x = ν/(ν+t²) and 1 − x = t²/(ν+t²), each computed directly.
        let t2 = t * t
        let x = nu / (nu + t2), y = t2 / (nu + t2)
        return 0.5 * regularizedIncompleteBeta(x, complement: y, a: nu / 2, b: 0.5)
    }

    /// The density of T at t.
    static func density(_ t: Double, _ nu: Double) -> Double {
        if nu.isInfinite { return exp(-t * t / 2) / (2 * Double.pi).squareRoot() }
        let logNorm = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The t ≥ 0 with P(T > t) = q, for 0 < q ≤ ½.
    static func upperQuantile(_ q: Double, _ nu: Double) -> Double {
        // Closed forms where they exist: ν = 1 (Cauchy) and ν = 2.
        if nu == 1 { return tan(Double.pi * (0.5 - q)) }
        if nu == 2 {
            let a = 4 * q * (1 - q)
            return (1 - 2 * q) * (2 / a).squareRoot()
        }
        // Bracket the root: P(T > t) falls as t grows.
        var lo = 0.0, hi = 1.0
        while upperTail(hi, nu) > q {
            lo = hi
            hi *= 2
            if hi > 1e300 { return hi }
        }
        // Newton steps on g(t) = P(T > t) − q (g′ = −density), kept inside the bracket.
        var t = (lo + hi) / 2
        for _ in 0..<200 {
            let g = upperTail(t, nu) - q
            if g == 0 { return t }
            if g > 0 { lo = t } else { hi = t }
            let d = density(t, nu)
            var next = d > 0 ? t + g / d : .nan
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { return next }
            t = next
            if hi - lo <= 1e-15 * max(1, abs(t)) { return t }
        }
        return t
    }
}

/// I_x(a, b), the regularized incomplete beta function, by its continued fraction
/// (Lentz's method, as in Numerical Recipes §6.4). `complement` is 1 − x, passed in
/// so a caller who knows it exactly keeps its precision when x is close to 1.
func regularizedIncompleteBeta(_ x: Double, complement y: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    // log(x^a y^b / B(a, b)), keeping its precision when a is large (many degrees of
    // freedom) and x is close to 1.
    let logX = x > 0.5 ? log1p(-y) : log(x), logY = y > 0.5 ? log1p(-x) : log(y)
    let logGammas = a >= b ? logGammaRatio(a, b) - lgamma(b) : logGammaRatio(b, a) - lgamma(a)
    let logFront = logGammas + a * logX + b * logY
    // The fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use the
    // symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1) / (a + b + 2) {
        return exp(logFront) * betaContinuedFraction(x, a, b) / a
    }
    return 1 - exp(logFront) * betaContinuedFraction(y, b, a) / b
}

/// log Γ(a + b) − log Γ(a) for a ≥ b > 0. For large a the two log-gammas are huge and
/// nearly equal, so their difference is taken from Stirling's series instead:
/// (a − ½)·log1p(b/a) + b·log(a + b) − b + s(a + b) − s(a), with
/// s(z) = 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) (error below 1e-15 for z ≥ 20).
func logGammaRatio(_ a: Double, _ b: Double) -> Double {
    guard a >= 20 else { return lgamma(a + b) - lgamma(a) }
    func s(_ z: Double) -> Double {
        let z2 = z * z
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * z2)) / z2) / z2) / z
    }
    return (a - 0.5) * log1p(b / a) + b * log(a + b) - b + (s(a + b) - s(a))
}

private func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300, epsilon = 1e-16
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
        let m = Double(m), m2 = 2 * m
        var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny { d = tiny }
        c = 1 + aa / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < tiny { d = tiny }
        c = 1 + aa / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let step = d * c
        h *= step
        if abs(step - 1) < epsilon { break }
    }
    return h
}
