import Foundation

/// Tick labels without clutter: 0.2 not 0.20000000000000001, 10k not 10000,
/// 1e-4 not 0.0001, and a true minus sign.
public enum TickFormat {
    static let minus = "\u{2212}"

    /// A label for a linear tick at `value` where ticks are `step` apart: as many
    /// decimals as the step needs, thousands as k and millions as M from 10,000 up,
    /// and exponents for steps below 0.001 or values of a billion and up.
    public static func linear(_ value: Double, step: Double) -> String {
        guard step > 0, step.isFinite, value.isFinite else { return compact(value) }
        if abs(value) < step * 1e-6 { return "0" }
        let a = abs(value)
        let stepExp = Int(floor(log10(step) + 1e-9))
        if a >= 1e9 || stepExp <= -4 { return compact(value) }
        if a >= 1e6 { return suffixed(value, divisor: 1e6, suffix: "M", stepExp: stepExp - 6) }
        if a >= 1e4 { return suffixed(value, divisor: 1e3, suffix: "k", stepExp: stepExp - 3) }
        return fixed(value, decimals: max(0, -stepExp))
    }

    private static func suffixed(_ value: Double, divisor: Double, suffix: String, stepExp: Int) -> String {
        fixed(value / divisor, decimals: max(0, -stepExp)) + suffix
    }

    /// `value` with exactly `decimals` decimals (then trailing zeros kept, as ticks align).
    static func fixed(_ value: Double, decimals: Int) -> String {
        let s = String(format: "%.\(min(decimals, 12))f", abs(value))
        let isZero = s.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero ? minus : "") + s
    }

    /// A short label for any value: 0.001 … 9999 as decimals (up to 4 significant
    /// digits), 10k … 999k and 1M … 999M with suffixes, anything else as 1e-4, 2.5e-7, 1e9.
    public static func compact(_ value: Double) -> String {
        if value == 0 { return "0" }
        if !value.isFinite { return value.isNaN ? "NaN" : (value < 0 ? minus + "∞" : "∞") }
        let a = abs(value)
        let sign = value < 0 ? minus : ""
        if a >= 1e-3 && a < 1e4 { return sign + trimmed(String(format: "%.4g", a)) }
        if a >= 1e4 && a < 1e6 { return sign + trimmed(String(format: "%.4g", a / 1e3)) + "k" }
        if a >= 1e6 && a < 1e9 { return sign + trimmed(String(format: "%.4g", a / 1e6)) + "M" }
        var e = Int(floor(log10(a)))
        var m = a / pow(10, Double(e))
        if (m * 1000).rounded() / 1000 >= 10 {
            m /= 10
            e += 1
        }
        let mantissa = trimmed(String(format: "%.3g", m))
        // The exponent keeps an ASCII hyphen: "1e-4" is how the reader will type it.
        return sign + mantissa + "e" + String(e)
    }

    /// "1.500" → "1.5", "2.000" → "2"; an exponent form from %g is expanded first.
    private static func trimmed(_ s: String) -> String {
        var s = s
        if s.contains("e") { s = String(format: "%.6f", Double(s) ?? 0) }
        guard s.contains(".") else { return s }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
