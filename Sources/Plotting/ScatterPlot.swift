/// Points in the plane, one colour per class: synthetic data sets, embeddings.
///
/// ```swift
/// var plot = ScatterPlot(title: "Two moons", xLabel: "x₁", yLabel: "x₂")
/// plot.add(x: xs, y: ys, labels: classes, classNames: ["upper", "lower"])
/// let svg = try plot.svg()
/// ```
public struct ScatterPlot: Figure {
    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    public var width: Double
    public var height: Double
    public var id: String?
    public var legend: LegendPlacement = .automatic
    /// Diameter of the markers in pixels.
    public var markerSize: Double = 6
    /// Marker opacity; below 1 so overlapping points show their density.
    public var opacity: Double = 0.8
    public private(set) var groups: [Group] = []

    /// The points of one class.
    public struct Group: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var color: PlotColor
        public var marker: Marker
    }

    public init(
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        xScale: AxisScale = .linear, yScale: AxisScale = .linear,
        xLimits: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil,
        width: Double = 480, height: Double = 400, id: String? = nil
    ) {
        self.title = title
        self.xAxis = Axis(label: xLabel, scale: xScale, limits: xLimits)
        self.yAxis = Axis(label: yLabel, scale: yScale, limits: yLimits)
        self.width = width
        self.height = height
        self.id = id
    }

    /// Adds one class of points.
    public mutating func add<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        series name: String, x: [X], y: [Y], color: PlotColor? = nil, marker: Marker = .circle
    ) {
        groups.append(
            Group(
                name: name, x: SeriesData.doubles(x), y: SeriesData.doubles(y),
                color: color ?? .palette(groups.count), marker: marker))
    }

    /// Adds points labelled by class index: one group per distinct label, in
    /// increasing order, named `classNames[label]` (or "class N" without names).
    /// Lengths that differ are reported when the figure is drawn.
    public mutating func add<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        x: [X], y: [Y], labels: [Int], classNames: [String]? = nil
    ) {
        if labels.count != x.count || x.count != y.count {
            // Keep the mismatch so `svg()` can report it with the figure's name.
            groups.append(
                Group(
                    name: "labels", x: SeriesData.doubles(x),
                    y: labels.count != x.count ? labels.map(Double.init) : SeriesData.doubles(y),
                    color: .palette(groups.count), marker: .circle))
            return
        }
        let xs = SeriesData.doubles(x), ys = SeriesData.doubles(y)
        for label in Set(labels).sorted() {
            let idx = labels.indices.filter { labels[$0] == label }
            let name = classNames.flatMap { label >= 0 && label < $0.count ? $0[label] : nil } ?? "class \(label)"
            groups.append(
                Group(
                    name: name, x: idx.map { xs[$0] }, y: idx.map { ys[$0] },
                    color: .palette(label >= 0 ? label : groups.count), marker: .circle))
        }
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }
}

extension ScatterPlot: Panel {
    var kind: String { "scatter plot" }
    var axes: (x: Axis, y: Axis)? { (xAxis, yAxis) }

    func summary() -> String {
        let total = groups.reduce(0) { $0 + $1.x.count }
        var s = "Scatter plot of \(total) points in \(groups.count) group\(groups.count == 1 ? "" : "s")"
        let names = groups.map(\.name).filter { !$0.isEmpty }
        if !names.isEmpty { s += " (" + names.joined(separator: ", ") + ")" }
        if let l = xAxis.label { s += "; x: \(l)" }
        if let l = yAxis.label { s += "; y: \(l)" }
        return s + "."
    }

    func dataExtent() throws -> DataExtent? {
        if groups.isEmpty { throw PlotError.noData(figure: figureName) }
        var xe: ClosedRange<Double>?, ye: ClosedRange<Double>?
        for g in groups {
            if g.x.isEmpty || g.y.isEmpty { throw PlotError.emptySeries(figure: figureName, series: g.name) }
            if g.x.count != g.y.count {
                throw PlotError.mismatchedLengths(figure: figureName, series: g.name, x: g.x.count, y: g.y.count)
            }
            let pairs = zip(g.x, g.y).filter { $0.isFinite && $1.isFinite }
            if pairs.isEmpty { throw PlotError.noFiniteValues(figure: figureName, series: g.name) }
            try SeriesData.checkLog(g.x, scale: xAxis.scale, axis: "x", series: g.name, figure: figureName)
            try SeriesData.checkLog(g.y, scale: yAxis.scale, axis: "y", series: g.name, figure: figureName)
            xe = SeriesData.union(xe, SeriesData.extent(pairs.map(\.0)))
            ye = SeriesData.union(ye, SeriesData.extent(pairs.map(\.1)))
        }
        return DataExtent(x: xe, y: ye)
    }

    func legendItems() -> [LegendItem] {
        groups.filter { !$0.name.isEmpty }.map { LegendItem(label: $0.name, color: $0.color, swatch: .marker($0.marker)) }
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let extent = try dataExtent()
        var occupancy = Occupancy()
        for g in groups { occupancy.points += zip(g.x, g.y).map { ($0, $1) } }
        let spec = AxesSpec(
            figureName: figureName, title: title, xAxis: xAxis, yAxis: yAxis,
            xExtent: extent?.x, yExtent: extent?.y, xPadding: 0.04, yPadding: 0.04,
            legend: legendItems(),
            legendPlacement: groups.count > 1 || legend != .automatic ? legend : .hidden,
            occupancy: occupancy)
        try AxesRenderer.render(spec, into: &canvas, frame: frame, options: options) { canvas, area in
            let opacity = opacity < 1 ? " opacity=\"\(format2(max(0, opacity)))\"" : ""
            for g in groups {
                let points = zip(g.x, g.y).filter { $0.isFinite && $1.isFinite }.map { (area.px($0), area.py($1)) }
                g.marker.draw(at: points, size: markerSize, color: g.color, into: &canvas, extra: opacity)
            }
        }
    }
}

/// `v` with at most two decimals, for opacities.
func format2(_ v: Double) -> String {
    let t = Int((v * 100).rounded())
    if t % 100 == 0 { return String(t / 100) }
    let frac = t % 100
    let s = frac < 10 ? "0\(frac)" : (frac % 10 == 0 ? "\(frac / 10)" : "\(frac)")
    return "\(t / 100 == 0 ? "" : String(t / 100)).\(s)"
}
