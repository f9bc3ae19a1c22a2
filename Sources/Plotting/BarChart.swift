/// Bars side by side per category: accuracy of several methods, train versus test.
///
/// ```swift
/// var bars = BarChart(title: "Accuracy", categories: ["SGD", "Momentum", "Adam"], yLabel: "accuracy")
/// bars.add(series: "train", values: [0.91, 0.95, 0.97])
/// bars.add(series: "test", values: [0.86, 0.88, 0.89])
/// let svg = try bars.svg()
/// ```
public struct BarChart: Figure {
    public var title: String?
    public var categories: [String]
    public var xAxis: Axis
    public var yAxis: Axis
    public var width: Double
    public var height: Double
    public var id: String?
    public var legend: LegendPlacement = .automatic
    /// Writes each bar's value above it.
    public var showValues: Bool
    public private(set) var series: [Series] = []

    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var color: PlotColor
    }

    public init(
        title: String? = nil, categories: [String], xLabel: String? = nil, yLabel: String? = nil,
        yScale: AxisScale = .linear, yLimits: ClosedRange<Double>? = nil, showValues: Bool = false,
        width: Double = 560, height: Double = 360, id: String? = nil
    ) {
        self.title = title
        self.categories = categories
        self.xAxis = Axis(label: xLabel, grid: false)
        self.yAxis = Axis(label: yLabel, scale: yScale, limits: yLimits)
        self.showValues = showValues
        self.width = width
        self.height = height
        self.id = id
    }

    /// Adds one bar per category; a NaN value leaves its bar out.
    public mutating func add<T: BinaryFloatingPoint>(series name: String, values: [T], color: PlotColor? = nil) {
        series.append(Series(name: name, values: SeriesData.doubles(values), color: color ?? .palette(series.count)))
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }
}

extension BarChart: Panel {
    var kind: String { "bar chart" }
    var axes: (x: Axis, y: Axis)? { (xAxis, yAxis) }

    func summary() -> String {
        var s = "Bar chart of \(series.count) series over \(categories.count) categories"
        s += " (" + categories.joined(separator: ", ") + ")"
        for ser in series {
            s += "; \(ser.name.isEmpty ? "values" : ser.name): " + ser.values.map(TickFormat.compact).joined(separator: ", ")
        }
        return s + "."
    }

    func dataExtent() throws -> DataExtent? {
        if series.isEmpty { throw PlotError.noData(figure: figureName) }
        if categories.isEmpty { throw PlotError.invalidArgument(figure: figureName, message: "no categories") }
        var ye: ClosedRange<Double>?
        for s in series {
            if s.values.isEmpty { throw PlotError.emptySeries(figure: figureName, series: s.name) }
            if s.values.count != categories.count {
                throw PlotError.mismatchedLengths(figure: figureName, series: s.name, x: categories.count, y: s.values.count)
            }
            guard let e = SeriesData.extent(s.values) else { throw PlotError.noFiniteValues(figure: figureName, series: s.name) }
            try SeriesData.checkLog(s.values, scale: yAxis.scale, axis: "y", series: s.name, figure: figureName)
            ye = SeriesData.union(ye, e)
        }
        if yAxis.scale == .linear, let e = ye {
            // Bars grow from zero, so zero is always in view; value labels need headroom.
            var lo = min(0, e.lowerBound), hi = max(0, e.upperBound)
            if showValues {
                let pad = (hi - lo) * 0.08
                if hi > 0 { hi += pad }
                if lo < 0 { lo -= pad }
            }
            ye = lo...hi
        }
        return DataExtent(x: -0.5...(Double(categories.count) - 0.5), y: ye)
    }

    func legendItems() -> [LegendItem] {
        series.filter { !$0.name.isEmpty }.map { LegendItem(label: $0.name, color: $0.color, swatch: .box(opacity: 1)) }
    }

    /// Left and right edges of bar `s` in category `c`, in category units.
    func barSpan(category c: Int, series s: Int) -> (Double, Double) {
        let group = 0.8, width = group / Double(series.count)
        let x0 = Double(c) - group / 2 + Double(s) * width
        return (x0 + width * 0.06, x0 + width * 0.94)
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let extent = try dataExtent()
        var occupancy = Occupancy()
        let base = yAxis.scale == .log ? (extent?.y?.lowerBound ?? 1) : 0
        for (si, s) in series.enumerated() {
            for (c, v) in s.values.enumerated() where v.isFinite {
                let (x0, x1) = barSpan(category: c, series: si)
                occupancy.rects.append((x0, min(base, v), x1, max(base, v) * (showValues ? 1.1 : 1)))
            }
        }
        let spec = AxesSpec(
            figureName: figureName, title: title, xAxis: xAxis, yAxis: yAxis,
            xExtent: extent?.x, yExtent: extent?.y, categories: categories,
            legend: legendItems(),
            legendPlacement: series.count > 1 || legend != .automatic ? legend : .hidden,
            occupancy: occupancy)
        try AxesRenderer.render(spec, into: &canvas, frame: frame, options: options) { canvas, area in
            let baseY = yAxis.scale == .log ? area.rect.maxY : area.py(0)
            for (si, s) in series.enumerated() {
                var p = PathBuilder()
                for (c, v) in s.values.enumerated() where v.isFinite {
                    let (x0, x1) = barSpan(category: c, series: si)
                    let top = area.py(v)
                    p.move(area.px(x0), baseY)
                    p.line(area.px(x0), top)
                    p.line(area.px(x1), top)
                    p.line(area.px(x1), baseY)
                    p.close()
                }
                canvas.path(p.data, attributes: s.color.attributes(stroke: false))
                if showValues {
                    let size = options.isSubplot ? 9.0 : 10.0
                    for (c, v) in s.values.enumerated() where v.isFinite {
                        let (x0, x1) = barSpan(category: c, series: si)
                        let y = v >= 0 ? area.py(v) - 3 : area.py(v) + size + 2
                        canvas.text(
                            TickFormat.compact(v), x: area.px((x0 + x1) / 2), y: y, anchor: .middle, size: size,
                            isNumber: true)
                    }
                }
            }
        }
    }
}
