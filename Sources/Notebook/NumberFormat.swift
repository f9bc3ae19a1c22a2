import Foundation

/// How numbers look in tables and expectation details.
enum NumberFormat {
    /// `decimals` places for ordinary magnitudes; scientific notation for very large or
    /// very small ones, where fixed places would show only zeros.
    static func fixed(_ x: Double, decimals: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude >= 1e7 || magnitude < pow(10, -Double(decimals))) {
            return String(format: "%.\(max(decimals - 1, 1))e", x)
        }
        return String(format: "%.\(decimals)f", x)
    }

    /// Up to `digits` significant digits, trailing zeros dropped: `0.211942`, `1e-07`.
    static func significant(_ x: Double, digits: Int = 6) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        return String(format: "%.\(digits)g", x)
    }

    /// Places after the point that show a half-width to two significant digits (the
    /// smallest of several, so numbers shown side by side share their places): 4 for
    /// 0.0021, 2 for 0.35, 0 for 120. `nil` when none is positive and finite.
    static func places(forHalfWidths halfWidths: [Double]) -> Int? {
        guard let smallest = halfWidths.filter({ $0 > 0 && $0.isFinite }).min() else { return nil }
        return min(max(1 - Int(log10(smallest).rounded(.down)), 0), 12)
    }

    /// `x` with `places` decimals (no scientific notation, so numbers shown together line
    /// up), or with six significant digits when `places` is nil. Never `-0.00`.
    static func show(_ x: Double, places: Int?) -> String {
        guard let places, x.isFinite else { return significant(x) }
        let text = String(format: "%.\(places)f", x)
        if text.hasPrefix("-"), !text.contains(where: { ("1"..."9").contains($0) }) { return String(text.dropFirst()) }
        return text
    }

    /// `0.8912 ± 0.0021`: a mean and the half-width of its interval, with `places`
    /// decimals (`nil`: places chosen from the half-width).
    static func plusMinus(_ interval: ConfidenceInterval, places: Int? = nil) -> String {
        guard interval.halfWidth.isFinite else { return show(interval.mean, places: places) }
        let places = places ?? self.places(forHalfWidths: [interval.halfWidth])
        return "\(show(interval.mean, places: places)) ± \(show(interval.halfWidth, places: places))"
    }

    /// A value of any type as table or detail text; floating-point values formatted.
    static func describe(_ value: Any, decimals: Int? = nil) -> (text: String, numeric: Bool) {
        switch value {
        case let r as Replicates<Double>:
            let interval = r.interval
            guard interval.halfWidth.isFinite else {
                return (describe(interval.mean, decimals: decimals).text + " (\(r.count) seed\(r.count == 1 ? "" : "s"))", true)
            }
            return (plusMinus(interval, places: decimals), true)
        case let x as Double: return (decimals.map { fixed(x, decimals: $0) } ?? significant(x), true)
        case let x as Float: return (decimals.map { fixed(Double(x), decimals: $0) } ?? significant(Double(x)), true)
        case let x as any BinaryInteger: return ("\(x)", true)
        case let s as String: return (s, false)
        case let s as Substring: return (String(s), false)
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else { return ("—", false) }
                return describe(wrapped, decimals: decimals)
            }
            return (String(describing: value), false)
        }
    }
}
