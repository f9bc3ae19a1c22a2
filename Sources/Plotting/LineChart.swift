/// Curves of y against x: loss per update, accuracy per epoch, activation functions.
///
/// ```swift
/// var chart = LineChart(title: "Loss", xLabel: "update", yLabel: "loss", yScale: .log)
/// chart.add(series: "SGD", x: updates, y: sgdLoss)
/// chart.add(series: "Adam", x: updates, y: adamLoss)
/// let svg = try chart.svg()
/// ```
///
/// NaN or infinite values leave a gap in the curve (a diverged run simply stops);
/// a point with gaps on both sides is drawn as a dot.
public struct LineChart: Figure {
    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    public var width: Double
    public var height: Double
    public var id: String?
    public var legend: LegendPlacement = .automatic
    public private(set) var series: [Series] = []
    /// Horizontal and vertical reference lines (chance level, ln 10, the epoch a
    /// schedule steps), drawn dashed in the text colour.
    public private(set) var referenceLines: [ReferenceLine] = []

    public struct ReferenceLine: Sendable {
        public enum Orientation: Sendable { case horizontal, vertical }
        public var orientation: Orientation
        public var value: Double
        public var label: String?
    }

    /// One curve.
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var color: PlotColor
        public var marker: Marker
        public var dashed: Bool
        public var lineWidth: Double
        /// A shaded band around the curve (a mean's interval across seeds), if any.
        public var band: Band?
    }

    /// A shaded region from `lower[i]` to `upper[i]` at each x, drawn under its curve in
    /// the curve's colour. `label` says what it shows ("95 % interval of the mean,
    /// 5 seeds"); the legend and the figure's description repeat it.
    public struct Band: Sendable {
        public var lower: [Double]
        public var upper: [Double]
        public var label: String
    }

    public init(
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        xScale: AxisScale = .linear, yScale: AxisScale = .linear,
        xLimits: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil,
        width: Double = 640, height: Double = 400, id: String? = nil
    ) {
        self.title = title
        self.xAxis = Axis(label: xLabel, scale: xScale, limits: xLimits)
        self.yAxis = Axis(label: yLabel, scale: yScale, limits: yLimits)
        self.width = width
        self.height = height
        self.id = id
    }

    /// Adds a curve through the points (x[i], y[i]). Colours follow the palette in the
    /// order series are added unless `color` is given; once the palette's colours are
    /// used up, later series are dashed (unless `dashed` says otherwise) so none share
    /// both colour and style.
    public mutating func add<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        series name: String, x: [X], y: [Y], color: PlotColor? = nil, marker: Marker = .none,
        dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        let n = series.count
        series.append(
            Series(
                name: name, x: SeriesData.doubles(x), y: SeriesData.doubles(y),
                color: color ?? .palette(n), marker: marker,
                dashed: dashed ?? (color == nil && (n / Palette.light.count) % 2 == 1),
                lineWidth: lineWidth))
    }

    /// Adds a curve with a shaded band from `lower` to `upper` around it: a mean over
    /// seeds with its interval, say. `band` names what the shading shows; the legend
    /// gets an entry in those words and the figure's description says it. NaN or
    /// infinite bounds leave a gap in the band; on a log axis a bound ≤ 0 reaches the
    /// bottom of the plot.
    ///
    ///     chart.add(series: "SGD", x: updates, y: mean, lower: low, upper: high,
    ///               band: "95 % interval of the mean, 5 seeds")
    public mutating func add<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        series name: String, x: [X], y: [Y], lower: [Y], upper: [Y], band: String,
        color: PlotColor? = nil, marker: Marker = .none, dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        add(series: name, x: x, y: y, color: color, marker: marker, dashed: dashed, lineWidth: lineWidth)
        series[series.count - 1].band = Band(
            lower: SeriesData.doubles(lower), upper: SeriesData.doubles(upper),
            label: band)
    }

    /// A curve with a band (see above) against integer x values.
    public mutating func add<Y: BinaryFloatingPoint>(
        series name: String, x: [Int], y: [Y], lower: [Y], upper: [Y], band: String,
        color: PlotColor? = nil, marker: Marker = .none, dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        add(
            series: name, x: x.map(Double.init), y: y, lower: lower, upper: upper, band: band, color: color,
            marker: marker, dashed: dashed, lineWidth: lineWidth)
    }

    /// A curve with a band (see above) against its index 0, 1, 2, …
    public mutating func add<Y: BinaryFloatingPoint>(
        series name: String, y: [Y], lower: [Y], upper: [Y], band: String,
        color: PlotColor? = nil, marker: Marker = .none, dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        add(
            series: name, x: (0..<y.count).map(Double.init), y: y, lower: lower, upper: upper, band: band,
            color: color, marker: marker, dashed: dashed, lineWidth: lineWidth)
    }

    /// Adds a curve with integer x values (update or epoch numbers).
    public mutating func add<Y: BinaryFloatingPoint>(
        series name: String, x: [Int], y: [Y], color: PlotColor? = nil, marker: Marker = .none,
        dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        add(
            series: name, x: x.map(Double.init), y: y, color: color, marker: marker, dashed: dashed,
            lineWidth: lineWidth)
    }

    /// Adds a curve of `y` against its index 0, 1, 2, …
    public mutating func add<Y: BinaryFloatingPoint>(
        series name: String, y: [Y], color: PlotColor? = nil, marker: Marker = .none,
        dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        add(
            series: name, x: (0..<y.count).map(Double.init), y: y, color: color, marker: marker,
            dashed: dashed, lineWidth: lineWidth)
    }

    /// A dashed horizontal line at `y`, labelled at its right end.
    public mutating func addHorizontalLine(at y: Double, label: String? = nil) {
        referenceLines.append(ReferenceLine(orientation: .horizontal, value: y, label: label))
    }

    /// A dashed vertical line at `x`, labelled at its top.
    public mutating func addVerticalLine(at x: Double, label: String? = nil) {
        referenceLines.append(ReferenceLine(orientation: .vertical, value: x, label: label))
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }
}

extension LineChart: Panel {
    var kind: String { "line chart" }
    var axes: (x: Axis, y: Axis)? { (xAxis, yAxis) }

    func summary() -> String {
        let names = series.map(\.name).filter { !$0.isEmpty }
        var s = "Line chart with \(series.count) series"
        if !names.isEmpty { s += " (" + names.joined(separator: ", ") + ")" }
        if !bandLabels.isEmpty {
            let shaded = series.filter { $0.band != nil }.map(\.name).filter { !$0.isEmpty }
            s += "; shaded band\(shaded.count == 1 ? "" : "s")"
            if !shaded.isEmpty && shaded.count < series.count { s += " around " + shaded.joined(separator: ", ") }
            s += ": " + bandLabels.joined(separator: "; ")
        }
        if let l = xAxis.label { s += "; x: \(l)" }
        if let l = yAxis.label { s += "; y: \(l)\(yAxis.scale == .log ? ", log scale" : "")" }
        return s + "."
    }

    /// What the bands show, each wording once, in the order series were added.
    var bandLabels: [String] {
        var seen = Set<String>()
        return series.compactMap(\.band?.label).filter { seen.insert($0).inserted }
    }

    func validate() throws {
        if series.isEmpty { throw PlotError.noData(figure: figureName) }
        for s in series {
            if s.x.isEmpty || s.y.isEmpty { throw PlotError.emptySeries(figure: figureName, series: s.name) }
            if s.x.count != s.y.count {
                throw PlotError.mismatchedLengths(figure: figureName, series: s.name, x: s.x.count, y: s.y.count)
            }
            if !zip(s.x, s.y).contains(where: { $0.isFinite && $1.isFinite }) {
                throw PlotError.noFiniteValues(figure: figureName, series: s.name)
            }
            try SeriesData.checkLog(s.x, scale: xAxis.scale, axis: "x", series: s.name, figure: figureName)
            try SeriesData.checkLog(s.y, scale: yAxis.scale, axis: "y", series: s.name, figure: figureName)
            if let band = s.band, band.lower.count != s.y.count || band.upper.count != s.y.count {
                throw PlotError.invalidArgument(
                    figure: figureName,
                    message:
                        "the band of series \"\(s.name)\" has \(band.lower.count) lower and \(band.upper.count) upper values for \(s.y.count) points")
            }
        }
    }

    func dataExtent() throws -> DataExtent? {
        try validate()
        var xe: ClosedRange<Double>?, ye: ClosedRange<Double>?
        for s in series {
            let pairs = zip(s.x, s.y).filter { $0.isFinite && $1.isFinite }
            xe = SeriesData.union(xe, SeriesData.extent(pairs.map(\.0)))
            ye = SeriesData.union(ye, SeriesData.extent(pairs.map(\.1)))
            if let band = s.band {
                // The band stays in view (on a log axis, its bounds above zero).
                let bounds = zip(s.x, zip(band.lower, band.upper)).filter { $0.0.isFinite }.flatMap { [$0.1.0, $0.1.1] }
                ye = SeriesData.union(ye, SeriesData.extent(yAxis.scale == .log ? bounds.filter { $0 > 0 } : bounds))
            }
        }
        // Reference lines stay in view (a log axis can only show them above zero).
        for r in referenceLines where r.value.isFinite {
            switch r.orientation {
            case .horizontal where yAxis.scale == .linear || r.value > 0: ye = SeriesData.union(ye, r.value...r.value)
            case .vertical where xAxis.scale == .linear || r.value > 0: xe = SeriesData.union(xe, r.value...r.value)
            default: break
            }
        }
        return DataExtent(x: xe, y: ye)
    }

    /// One entry per named series (a band's series with its band behind the line), then
    /// one per band wording, in grey, so the legend says what the shading is.
    func legendItems() -> [LegendItem] {
        series.filter { !$0.name.isEmpty }.map {
            LegendItem(
                label: $0.name, color: $0.color,
                swatch: .line(dashed: $0.dashed, marker: $0.marker, band: $0.band != nil))
        } + bandLabels.map { LegendItem(label: "shaded: " + $0, color: .foreground, swatch: .shade) }
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let extent = try dataExtent()
        var occupancy = Occupancy()
        for s in series {
            occupancy.polylines.append(zip(s.x, s.y).map { ($0, $1) })
            if let band = s.band {
                occupancy.polylines.append(zip(s.x, band.lower).map { ($0, $1) })
                occupancy.polylines.append(zip(s.x, band.upper).map { ($0, $1) })
            }
        }
        // A single curve with a band still needs its legend: the legend says what the band is.
        let showLegend = series.count > 1 || series.contains { $0.band != nil } || legend != .automatic
        var spec = AxesSpec(
            figureName: figureName, title: title, xAxis: xAxis, yAxis: yAxis,
            xExtent: extent?.x, yExtent: extent?.y, legend: legendItems(),
            legendPlacement: showLegend ? legend : .hidden,
            occupancy: occupancy)
        spec.xIntegers =
            xAxis.scale == .linear
            && series.allSatisfy { $0.x.allSatisfy { !$0.isFinite || ($0 == $0.rounded() && abs($0) < 1e15) } }
        for r in referenceLines where r.value.isFinite {
            // Let the legend keep off reference lines and their labels too.
            if let e = extent?.x, r.orientation == .horizontal {
                occupancy.polylines.append([(e.lowerBound, r.value), (e.upperBound, r.value)])
            }
        }
        spec.occupancy = occupancy
        try AxesRenderer.render(spec, into: &canvas, frame: frame, options: options) { canvas, area in
            var references = PathBuilder()
            for r in referenceLines where r.value.isFinite {
                switch r.orientation {
                case .horizontal:
                    guard area.y.contains(r.value), yAxis.scale == .linear || r.value > 0 else { continue }
                    let y = area.py(r.value)
                    references.move(area.rect.x, y)
                    references.line(area.rect.maxX, y)
                    if let label = r.label {
                        canvas.text(label, x: area.rect.maxX - 4, y: y - 4, anchor: .end, size: 10, className: "halo")
                    }
                case .vertical:
                    guard area.x.contains(r.value), xAxis.scale == .linear || r.value > 0 else { continue }
                    let x = area.px(r.value)
                    references.move(x, area.rect.y)
                    references.line(x, area.rect.maxY)
                    if let label = r.label {
                        canvas.text(label, x: x + 4, y: area.rect.y + 12, size: 10, className: "halo")
                    }
                }
            }
            canvas.path(references.data, attributes: "stroke=\"currentColor\" stroke-opacity=\".55\" stroke-dasharray=\"4 3\" fill=\"none\"")
            // Bands first, so every curve is drawn over every band.
            for s in series {
                guard let band = s.band else { continue }
                canvas.path(
                    bandPath(s.x, band, area: area),
                    attributes: s.color.attributes(stroke: false) + " fill-opacity=\".2\" stroke=\"none\"")
            }
            for s in series {
                var path = PathBuilder()
                var isolated: [(Double, Double)] = []
                var markers: [(Double, Double)] = []
                var runLength = 0
                var last: (Double, Double)?
                for (x, y) in zip(s.x, s.y) {
                    guard x.isFinite, y.isFinite else {
                        if runLength == 1, let p = last { isolated.append(p) }
                        runLength = 0
                        continue
                    }
                    let p = (area.px(x), area.py(y))
                    if runLength == 0 { path.move(p.0, p.1) } else { path.line(p.0, p.1) }
                    runLength += 1
                    last = p
                    markers.append(p)
                }
                if runLength == 1, let p = last { isolated.append(p) }
                var attributes = s.color.attributes(stroke: true)
                attributes += " fill=\"none\" stroke-width=\"\(SVG.num(s.lineWidth))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                if s.dashed { attributes += " stroke-dasharray=\"6 4\"" }
                canvas.path(path.data, attributes: attributes)
                if s.marker != .none {
                    s.marker.draw(at: markers, size: max(5, s.lineWidth * 3), color: s.color, into: &canvas)
                } else if !isolated.isEmpty {
                    Marker.circle.draw(at: isolated, size: s.lineWidth * 2.5, color: s.color, into: &canvas)
                }
            }
        }
    }
}

extension LineChart {
    /// The band as closed outlines, one per stretch of points whose x and bounds are
    /// all finite: along the upper bounds, back along the lower ones. On a log axis a
    /// bound ≤ 0 is drawn just below the plot area (which clips it).
    func bandPath(_ x: [Double], _ band: Band, area: PlotArea) -> String {
        func py(_ v: Double) -> Double {
            yAxis.scale == .log && v <= 0 ? area.rect.maxY + 1 : area.py(v)
        }
        var path = PathBuilder()
        var stretch: [Int] = []
        func close() {
            defer { stretch = [] }
            guard stretch.count >= 2 else { return }
            path.move(area.px(x[stretch[0]]), py(band.upper[stretch[0]]))
            for i in stretch.dropFirst() { path.line(area.px(x[i]), py(band.upper[i])) }
            for i in stretch.reversed() { path.line(area.px(x[i]), py(band.lower[i])) }
            path.close()
        }
        for i in x.indices {
            let finite =
                x[i].isFinite && band.lower[i].isFinite && band.upper[i].isFinite
                && (xAxis.scale == .linear || x[i] > 0)
            if finite { stretch.append(i) } else { close() }
        }
        close()
        return path.data
    }
}
