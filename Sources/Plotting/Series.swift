/// Conversions and checks shared by the charts that take numeric series.
enum SeriesData {
    static func doubles<T: BinaryFloatingPoint>(_ values: [T]) -> [Double] {
        values.map { Double($0) }
    }

    /// The finite extent of `values`, or `nil` when none is finite.
    static func extent(_ values: [Double]) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return lo <= hi ? lo...hi : nil
    }

    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// Throws when a log axis would be given a finite value ≤ 0.
    static func checkLog(
        _ values: [Double], scale: AxisScale, axis: String, series: String,
        figure: String
    ) throws {
        guard scale == .log else { return }
        if let bad = values.first(where: { $0.isFinite && $0 <= 0 }) {
            throw PlotError.nonPositiveOnLogAxis(figure: figure, axis: axis, series: series, value: bad)
        }
    }
}
