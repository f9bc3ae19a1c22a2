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

    /// A value of any type as table or detail text; floating-point values formatted.
    static func describe(_ value: Any, decimals: Int? = nil) -> (text: String, numeric: Bool) {
        switch value {
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
