import Foundation

/// Tick positions at nice numbers: 1, 2 or 5 times a power of ten.
public enum Ticks {
    /// The smallest of 1, 2, 5 × 10ᵏ that is ≥ `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let e = floor(log10(raw))
        let base = pow(10, e)
        let m = raw / base
        let nice: Double = m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10
        return nice * base
    }

    /// Step as mantissa × 10^exponent with mantissa 1, 2 or 5, so tick values can be
    /// built as integers over a power of ten (0.6, not 0.6000000000000001).
    static func decompose(_ step: Double) -> (mantissa: Int, exponent: Int) {
        guard step > 1e-300, step < 1e300 else { return (1, 0) }
        var e = Int(floor(log10(step) + 1e-9))
        var m = Int((step / pow(10, Double(e))).rounded())
        if m >= 10 {
            m /= 10
            e += 1
        }
        return (m, e)
    }

    static func value(_ k: Int, mantissa: Int, exponent: Int) -> Double {
        let n = Double(k * mantissa)
        return exponent >= 0 ? n * pow(10, Double(exponent)) : n / pow(10, Double(-exponent))
    }

    /// Values of nice linear ticks between `lower` and `upper` (inclusive), at most
    /// about `maxTicks` of them.
    public static func linearValues(_ lower: Double, _ upper: Double, maxTicks: Int = 7) -> [Double] {
        linearSteps(lower, upper, maxTicks: maxTicks).values
    }

    static func linearSteps(_ lower: Double, _ upper: Double, maxTicks: Int, minStep: Double = 0)
        -> (values: [Double], mantissa: Int, exponent: Int)
    {
        guard upper > lower, lower.isFinite, upper.isFinite else { return ([lower], 1, 0) }
        var step = niceStep(max(minStep, (upper - lower) / Double(max(1, maxTicks - 1))))
        var values: [Double] = []
        var parts = decompose(step)
        for _ in 0..<4 {
            parts = decompose(step)
            let firstStep = (lower / step - 1e-9).rounded(.up), lastStep = (upper / step + 1e-9).rounded(.down)
            // Ticks are k × step for whole k; beyond 1e15 steps Double cannot tell them apart.
            guard abs(firstStep) < 1e15, abs(lastStep) < 1e15 else { return ([lower, upper], 1, 0) }
            let first = Int(firstStep), last = Int(lastStep)
            values = (first...max(first, last)).map { value($0, mantissa: parts.mantissa, exponent: parts.exponent) }
            if values.count <= maxTicks { break }
            step = niceStep(step * 1.01)
        }
        return (
            values.filter { $0 >= lower - 1e-9 * (upper - lower) && $0 <= upper + 1e-9 * (upper - lower) },
            parts.mantissa, parts.exponent
        )
    }

    static func linear(_ lower: Double, _ upper: Double, maxTicks: Int, minStep: Double = 0) -> [Tick] {
        let (values, m, e) = linearSteps(lower, upper, maxTicks: maxTicks, minStep: minStep)
        let step = value(1, mantissa: m, exponent: e)
        return values.map { Tick(value: $0, label: TickFormat.linear($0, step: step)) }
    }

    /// Largest 1, 2 or 5 × 10ᵏ ≤ v.
    static func niceLogFloor(_ v: Double) -> Double {
        let e = floor(log10(v) + 1e-9)
        let base = pow(10, e)
        let m = v / base
        return (m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1) * base
    }

    /// Smallest 1, 2 or 5 × 10ᵏ ≥ v.
    static func niceLogCeil(_ v: Double) -> Double {
        let e = floor(log10(v) - 1e-9)
        let base = pow(10, e)
        let m = v / base
        return (m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10) * base
    }

    /// Values of log ticks: decades (every few decades when the range is wide), with
    /// 2 and 5 added when fewer than three decades show, and linear-style ticks when
    /// less than one decade does. Also returns unlabelled minor tick values.
    public static func logValues(_ lower: Double, _ upper: Double, maxTicks: Int = 7)
        -> (major: [Double], minor: [Double])
    {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return ([lower], []) }
        let e0 = Int(floor(log10(lower) + 1e-9)), e1 = Int(floor(log10(upper) + 1e-9))
        func inRange(_ v: Double) -> Bool { v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) }
        func decade(_ e: Int) -> Double { e >= 0 ? pow(10, Double(e)) : 1 / pow(10, Double(-e)) }
        let decades = (e0...e1).map(decade).filter(inRange)
        let span = log10(upper / lower)
        var minor: [Double] = []
        if span <= 6 {
            for e in e0...e1 {
                for m in 2...9 {
                    let v = Double(m) * decade(e)
                    if inRange(v) { minor.append(v) }
                }
            }
        }
        if decades.count >= 3 {
            let every = max(1, Int((Double(decades.count) / Double(maxTicks)).rounded(.up)))
            // Keep decades whose exponent is a multiple of `every`, so 1 stays labelled.
            let major = (e0...e1).filter { $0 % every == 0 }.map(decade).filter(inRange)
            let minorDecades = every > 1 ? decades.filter { !major.contains($0) } : []
            return (major, (minor + minorDecades).sorted())
        }
        var major: [Double] = []
        for e in e0...e1 {
            for m in [1, 2, 5] {
                let v = Double(m) * decade(e)
                if inRange(v) { major.append(v) }
            }
        }
        if major.count >= 3 {
            return (major, minor.filter { !major.contains($0) })
        }
        // Less than about a decade: nice linear ticks read best.
        return (linearValues(lower, upper, maxTicks: min(maxTicks, 6)), [])
    }

    static func log(_ lower: Double, _ upper: Double, maxTicks: Int) -> (major: [Tick], minor: [Double]) {
        let (major, minor) = logValues(lower, upper, maxTicks: maxTicks)
        return (major.map { Tick(value: $0, label: TickFormat.compact($0)) }, minor)
    }
}
