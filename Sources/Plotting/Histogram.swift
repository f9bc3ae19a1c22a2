/// Counts of values in equal bins: activation and weight distributions.
///
/// ```swift
/// var hist = Histogram(title: "Layer 1", xLabel: "activation", bins: 30, range: 0...1)
/// hist.add(values: activations)
/// let svg = try hist.svg()
/// ```
///
/// With several series the bars overlap, semi-transparent. Values outside a fixed
/// `range`, and NaN or infinite values, are left out (the description says how many).
public struct Histogram: Figure {
    /// What the bar heights show.
    public enum Normalization: Sendable, Equatable {
        /// Values per bin.
        case count
        /// Share of the series' values per bin (bars sum to 1).
        case fraction
        /// Share per unit of x (bar areas sum to 1), to compare with a density curve.
        case density
    }

    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    public var width: Double
    public var height: Double
    public var id: String?
    public var legend: LegendPlacement = .automatic
    public var bins: Int
    /// Fixed bin range; `nil` spans the data.
    public var range: ClosedRange<Double>?
    public var normalization: Normalization
    public private(set) var series: [Series] = []

    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var color: PlotColor
    }

    public init(
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, bins: Int = 30,
        range: ClosedRange<Double>? = nil, normalization: Normalization = .count,
        yLimits: ClosedRange<Double>? = nil,
        width: Double = 480, height: Double = 320, id: String? = nil
    ) {
        self.title = title
        self.xAxis = Axis(label: xLabel, grid: false)
        let defaultLabel: String
        switch normalization {
        case .count: defaultLabel = "count"
        case .fraction: defaultLabel = "fraction"
        case .density: defaultLabel = "density"
        }
        self.yAxis = Axis(label: yLabel ?? defaultLabel, limits: yLimits)
        self.bins = bins
        self.range = range
        self.normalization = normalization
        self.width = width
        self.height = height
        self.id = id
    }

    /// Adds a set of values to count. An unnamed series has no legend entry.
    public mutating func add<T: BinaryFloatingPoint>(series name: String = "", values: [T], color: PlotColor? = nil) {
        series.append(Series(name: name, values: SeriesData.doubles(values), color: color ?? .palette(series.count)))
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }

    /// The bin range used: the fixed range, or the extent of all finite values.
    func binRange() throws -> ClosedRange<Double> {
        if series.isEmpty { throw PlotError.noData(figure: figureName) }
        if bins < 1 { throw PlotError.invalidArgument(figure: figureName, message: "bin count \(bins) must be at least 1") }
        var extent: ClosedRange<Double>?
        for s in series {
            if s.values.isEmpty { throw PlotError.emptySeries(figure: figureName, series: s.name) }
            guard let e = SeriesData.extent(s.values) else {
                throw PlotError.noFiniteValues(figure: figureName, series: s.name)
            }
            extent = SeriesData.union(extent, e)
        }
        if let range {
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.upperBound > range.lowerBound else {
                throw PlotError.invalidLimits(
                    figure: figureName, axis: "bin range",
                    lower: range.lowerBound, upper: range.upperBound)
            }
            return range
        }
        var r = extent!
        if r.upperBound - r.lowerBound <= abs(r.upperBound) * 1e-12 {
            let pad = r.lowerBound == 0 ? 0.5 : abs(r.lowerBound) * 0.05
            r = (r.lowerBound - pad)...(r.upperBound + pad)
        }
        return r
    }

    /// Bar heights per series, after normalization, and how many values fell outside.
    func heights() throws -> (range: ClosedRange<Double>, heights: [[Double]], dropped: Int) {
        let r = try binRange()
        let width = (r.upperBound - r.lowerBound) / Double(bins)
        var dropped = 0
        let all = series.map { s -> [Double] in
            var counts = [Double](repeating: 0, count: bins)
            var n = 0
            for v in s.values {
                guard v.isFinite, v >= r.lowerBound, v <= r.upperBound else {
                    dropped += 1
                    continue
                }
                let i = clampedInt((v - r.lowerBound) / width, 0, bins - 1)
                counts[i] += 1
                n += 1
            }
            switch normalization {
            case .count: return counts
            case .fraction: return counts.map { n > 0 ? $0 / Double(n) : 0 }
            case .density: return counts.map { n > 0 ? $0 / (Double(n) * width) : 0 }
            }
        }
        return (r, all, dropped)
    }
}

extension Histogram: Panel {
    var kind: String { "histogram" }
    var axes: (x: Axis, y: Axis)? { (xAxis, yAxis) }

    func summary() -> String {
        let dropped = (try? heights().dropped) ?? 0
        var s = "Histogram of \(series.count) series in \(bins) bins"
        if let r = try? binRange() { s += " from \(TickFormat.compact(r.lowerBound)) to \(TickFormat.compact(r.upperBound))" }
        if let l = xAxis.label { s += "; x: \(l)" }
        if dropped > 0 { s += "; \(dropped) values outside the range or not finite are not shown" }
        return s + "."
    }

    func dataExtent() throws -> DataExtent? {
        let (r, heights, _) = try heights()
        let top = heights.flatMap { $0 }.max() ?? 1
        return DataExtent(x: r, y: 0...(top > 0 ? top : 1))
    }

    func legendItems() -> [LegendItem] {
        series.filter { !$0.name.isEmpty }.map { LegendItem(label: $0.name, color: $0.color, swatch: .box(opacity: series.count > 1 ? 0.45 : 0.75)) }
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let (r, heights, _) = try heights()
        let top = heights.flatMap { $0 }.max() ?? 1
        let binWidth = (r.upperBound - r.lowerBound) / Double(bins)
        var occupancy = Occupancy()
        for h in heights {
            for (i, v) in h.enumerated() where v > 0 {
                let x0 = r.lowerBound + Double(i) * binWidth
                occupancy.rects.append((x0, 0, x0 + binWidth, v))
            }
        }
        var x = xAxis
        if x.limits == nil { x.limits = r }
        let spec = AxesSpec(
            figureName: figureName, title: title, xAxis: x, yAxis: yAxis,
            xExtent: r, yExtent: 0...(top > 0 ? top * 1.02 : 1),
            legend: legendItems(),
            legendPlacement: series.count > 1 || legend != .automatic ? legend : .hidden,
            occupancy: occupancy)
        let overlaid = series.count > 1
        try AxesRenderer.render(spec, into: &canvas, frame: frame, options: options) { canvas, area in
            for (s, h) in zip(series, heights) {
                // One closed outline per series: up and across each bar, back along the base.
                var p = PathBuilder()
                let base = area.py(max(area.y.lower, 0))
                p.move(area.px(r.lowerBound), base)
                for (i, v) in h.enumerated() {
                    let y = area.py(v)
                    p.line(area.px(r.lowerBound + Double(i) * binWidth), y)
                    p.line(area.px(r.lowerBound + Double(i + 1) * binWidth), y)
                }
                p.line(area.px(r.upperBound), base)
                p.close()
                // Overlaid bars are see-through ("ov"; a little denser on dark pages).
                canvas.path(
                    p.data,
                    attributes: s.color.attributes(stroke: false, extraClass: overlaid ? "ov" : nil)
                        + " fill-opacity=\"\(overlaid ? ".45" : ".75")\"")
                // Thin separators between bars make single bins readable.
                var edges = PathBuilder()
                for (i, v) in h.enumerated() where v > 0 {
                    let x0 = area.px(r.lowerBound + Double(i) * binWidth)
                    let x1 = area.px(r.lowerBound + Double(i + 1) * binWidth)
                    edges.move(x0, base)
                    edges.line(x0, area.py(v))
                    edges.line(x1, area.py(v))
                    edges.line(x1, base)
                }
                canvas.path(edges.data, attributes: s.color.attributes(stroke: true) + " fill=\"none\" stroke-width=\"0.8\"")
            }
        }
    }
}
