import Foundation

/// Contour lines of a function of two variables, with paths drawn over them: the
/// optimizer paths of chapter 5 on f(x, y) = x²/20 + y².
///
/// ```swift
/// var plot = ContourPlot(title: "SGD", x: -10...10, y: -5...5) { x, y in x * x / 20 + y * y }
/// plot.add(path: "SGD", x: xs, y: ys)
/// plot.mark(x: 0, y: 0, label: "minimum")
/// let svg = try plot.svg()
/// ```
///
/// A path has a marker at every step; its start is a ring and its end a filled square.
public struct ContourPlot: Figure {
    /// Which values the contour lines are drawn at.
    public enum Levels: Sendable, Equatable {
        /// About `count` levels at nice, evenly spaced values.
        case count(Int)
        /// About `count` levels spaced by equal ratios (for values > 0 that span
        /// decades, such as losses): more lines near the minimum.
        case geometric(Int)
        /// Exactly these values.
        case values([Double])
    }

    /// How the levels are told apart.
    public enum LevelStyle: Sendable, Equatable {
        /// Lines coloured by level with the colour map (low dark, high light).
        case colored
        /// Lines in the text colour, each level's value written on its longest line.
        case labelled
        case coloredAndLabelled
    }

    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    public var width: Double
    public var height: Double
    public var id: String?
    public var levels: Levels = .count(12)
    public var levelStyle: LevelStyle = .colored
    public var colorMap: ColorMap = .viridis
    public var legend: LegendPlacement = .automatic
    /// Grid coordinates and the function's values: `values[j][i]` is at (x[i], y[j]).
    public private(set) var gridX: [Double]
    public private(set) var gridY: [Double]
    public private(set) var values: [[Double]]
    public private(set) var paths: [Path] = []
    public private(set) var marks: [Mark] = []

    /// A path drawn over the contours.
    public struct Path: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var color: PlotColor
    }

    /// A labelled point, such as the minimum.
    public struct Mark: Sendable {
        public var x: Double
        public var y: Double
        public var label: String?
    }

    /// Samples `function` on a `resolution` × `resolution` grid over the given ranges.
    public init(
        title: String? = nil, xLabel: String? = "x", yLabel: String? = "y",
        x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 121,
        width: Double = 560, height: Double = 400, id: String? = nil,
        function: (Double, Double) -> Double
    ) {
        let n = max(2, resolution)
        let xs = (0..<n).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(n - 1) }
        let ys = (0..<n).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(n - 1) }
        self.init(
            title: title, xLabel: xLabel, yLabel: yLabel, gridX: xs, gridY: ys,
            values: ys.map { yv in xs.map { xv in function(xv, yv) } },
            width: width, height: height, id: id)
    }

    /// Contours of given grid values: `values[j][i]` is the value at (gridX[i], gridY[j]).
    public init(
        title: String? = nil, xLabel: String? = "x", yLabel: String? = "y",
        gridX: [Double], gridY: [Double], values: [[Double]],
        width: Double = 560, height: Double = 400, id: String? = nil
    ) {
        self.title = title
        self.gridX = gridX
        self.gridY = gridY
        self.values = values
        let xr = SeriesData.extent(gridX), yr = SeriesData.extent(gridY)
        self.xAxis = Axis(label: xLabel, limits: xr.flatMap { $0.upperBound > $0.lowerBound ? $0 : nil }, grid: false)
        self.yAxis = Axis(label: yLabel, limits: yr.flatMap { $0.upperBound > $0.lowerBound ? $0 : nil }, grid: false)
        self.width = width
        self.height = height
        self.id = id
    }

    /// Adds a path (positions after each step) drawn over the contours.
    public mutating func add<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        path name: String, x: [X], y: [Y], color: PlotColor? = nil
    ) {
        paths.append(
            Path(
                name: name, x: SeriesData.doubles(x), y: SeriesData.doubles(y),
                color: color ?? .palette(ContourPlot.pathColors[paths.count % ContourPlot.pathColors.count])))
    }

    /// Vermilion first: it stands out best against the blue-green-yellow contours.
    static let pathColors = [3, 0, 2, 1, 4, 5, 6, 7]

    /// Marks a point with a cross, and a label when given.
    public mutating func mark(x: Double, y: Double, label: String? = nil) {
        marks.append(Mark(x: x, y: y, label: label))
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }

    /// The level values to draw.
    func levelValues() throws -> [Double] {
        if gridX.count < 2 || gridY.count < 2 || values.count != gridY.count {
            throw PlotError.invalidArgument(
                figure: figureName,
                message:
                    "the grid needs at least 2×2 points and one row of values per y (got \(gridX.count) x, \(gridY.count) y, \(values.count) rows)")
        }
        for (j, row) in values.enumerated() where row.count != gridX.count {
            throw PlotError.mismatchedLengths(figure: figureName, series: "values row \(j)", x: gridX.count, y: row.count)
        }
        guard let e = SeriesData.extent(values.flatMap { $0 }) else {
            throw PlotError.noFiniteValues(figure: figureName, series: "function values")
        }
        switch levels {
        case .values(let v):
            let finite = v.filter(\.isFinite).sorted()
            if finite.isEmpty { throw PlotError.invalidArgument(figure: figureName, message: "no finite contour levels") }
            return finite
        case .count(let n):
            guard e.upperBound > e.lowerBound else { return [] }
            // The largest nice step that still gives at least `n` levels.
            var step = Ticks.niceStep((e.upperBound - e.lowerBound) / Double(max(1, n)))
            if (e.upperBound - e.lowerBound) / step < Double(n) { step = Ticks.niceStep(step / 2.6) }
            let first = (e.lowerBound / step).rounded(.down) + 1
            let last = (e.upperBound / step).rounded(.up)
            // A range tiny next to its values (rounding noise on a constant) has no levels.
            guard abs(first) < 1e15, abs(last) < 1e15, last - first < 1000 else { return [] }
            let (m, x) = Ticks.decompose(step)
            return (Int(first)...max(Int(first), Int(last)))
                .map { Ticks.value($0, mantissa: m, exponent: x) }
                .filter { $0 > e.lowerBound && $0 < e.upperBound }
        case .geometric(let n):
            let lo = max(e.lowerBound, e.upperBound * 1e-6)
            guard e.upperBound > 0, lo > 0, e.upperBound > lo else { return [] }
            let k = max(2, n)
            let step = log(e.upperBound / lo) / Double(k + 1)
            return (1...k).map { lo * exp(step * Double($0)) }.map { v in
                // Two significant digits keep labels short.
                let p = pow(10, floor(log10(v)) - 1)
                return (v / p).rounded() * p
            }
        }
    }
}

extension ContourPlot: Panel {
    var kind: String { "contour plot" }
    var axes: (x: Axis, y: Axis)? { (xAxis, yAxis) }

    func summary() -> String {
        var s = "Contour plot"
        if let l = try? levelValues(), let a = l.first, let b = l.last {
            s += " with \(l.count) levels from \(TickFormat.compact(a)) to \(TickFormat.compact(b))"
        }
        for p in paths {
            let n = p.x.count
            s += "; path \(p.name.isEmpty ? "" : "\"\(p.name)\" ")of \(n) points"
            if let x0 = p.x.first, let y0 = p.y.first, let x1 = p.x.last, let y1 = p.y.last {
                s += " from (\(TickFormat.compact(x0)), \(TickFormat.compact(y0))) to (\(TickFormat.compact(x1)), \(TickFormat.compact(y1)))"
            }
        }
        return s + "."
    }

    func dataExtent() throws -> DataExtent? {
        _ = try levelValues()
        for p in paths {
            if p.x.isEmpty || p.y.isEmpty { throw PlotError.emptySeries(figure: figureName, series: p.name) }
            if p.x.count != p.y.count {
                throw PlotError.mismatchedLengths(figure: figureName, series: p.name, x: p.x.count, y: p.y.count)
            }
        }
        let xe = SeriesData.extent(gridX), ye = SeriesData.extent(gridY)
        return DataExtent(x: xe, y: ye)
    }

    func legendItems() -> [LegendItem] {
        var items = paths.filter { !$0.name.isEmpty }.map {
            LegendItem(label: $0.name, color: $0.color, swatch: .line(dashed: false, marker: .circle))
        }
        if !paths.isEmpty {
            items.append(LegendItem(label: "start", color: .foreground, swatch: .marker(.ring)))
            items.append(LegendItem(label: "end", color: .foreground, swatch: .marker(.square)))
        }
        return items
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let extent = try dataExtent()
        let levels = try levelValues()
        var occupancy = Occupancy()
        for p in paths { occupancy.polylines.append(zip(p.x, p.y).map { ($0, $1) }) }
        for m in marks { occupancy.points.append((m.x, m.y)) }
        let spec = AxesSpec(
            figureName: figureName, title: title, xAxis: xAxis, yAxis: yAxis,
            xExtent: extent?.x, yExtent: extent?.y, xNice: false, yNice: false,
            legend: legendItems(), legendPlacement: paths.isEmpty ? .hidden : legend,
            occupancy: occupancy)
        let (lo, hi) = (levels.first ?? 0, levels.last ?? 1)
        try AxesRenderer.render(spec, into: &canvas, frame: frame, options: options) { canvas, area in
            let colored = levelStyle != .labelled
            let labelled = levelStyle != .colored
            var labelCandidates: [(String, [(Double, Double)])] = []
            canvas.raw("<g fill=\"none\" stroke-width=\"1.1\">")
            for level in levels {
                let lines = MarchingSquares.contours(x: gridX, y: gridY, values: values, level: level)
                var p = PathBuilder()
                var longest: (length: Double, line: [(Double, Double)]) = (0, [])
                for line in lines {
                    let pixels = simplify(line.map { (area.px($0.0), area.py($0.1)) }, tolerance: 0.25)
                    guard let first = pixels.first else { continue }
                    p.move(first.0, first.1)
                    var length = 0.0
                    for (a, b) in zip(pixels, pixels.dropFirst()) {
                        p.line(b.0, b.1)
                        length += ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
                    }
                    if length > longest.length { longest = (length, pixels) }
                }
                let t = hi > lo ? (level - lo) / (hi - lo) : 0.5
                if colored {
                    // Light pages skip the map's pale end, dark pages its dark end; the
                    // dark-mode colour comes from a rule scoped to this figure.
                    let levelClass = canvas.newId("k")
                    canvas.addStyle("@media (prefers-color-scheme:dark){#\(levelClass){stroke:\(colorMap.hex(0.35 + 0.65 * t))}}")
                    canvas.path(p.data, attributes: "id=\"\(levelClass)\" stroke=\"\(colorMap.hex(0.8 * t))\"")
                } else {
                    canvas.path(p.data, attributes: "stroke=\"currentColor\" stroke-opacity=\".5\"")
                }
                if labelled, longest.line.count > 2 {
                    labelCandidates.append((TickFormat.compact(level), longest.line))
                }
            }
            canvas.raw("</g>")
            // Each level's value goes on its longest line, at the first of several places
            // along it where it overlaps no other label and stays inside the plot.
            var taken: [Rect] = marks.compactMap { m in
                m.label.map { Rect(x: area.px(m.x) + 6, y: area.py(m.y) - 18, width: TextMetrics.width($0, size: 11) + 4, height: 16) }
            }
            let inner = Rect(x: area.rect.x + 4, y: area.rect.y + 4, width: area.rect.width - 8, height: area.rect.height - 8)
            for (text, line) in labelCandidates {
                let w = TextMetrics.width(text, size: 9) + 4, h = 11.0
                for f in [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875, 0.06, 0.94] {
                    let at = line[min(line.count - 1, Int(Double(line.count) * f))]
                    let box = Rect(x: at.0 - w / 2, y: at.1 - h / 2, width: w, height: h)
                    guard box.x >= inner.x, box.maxX <= inner.maxX, box.y >= inner.y, box.maxY <= inner.maxY,
                        !taken.contains(where: { $0.intersects(box) })
                    else { continue }
                    taken.append(box)
                    canvas.addWord(text)
                    canvas.raw(
                        "<text x=\"\(SVG.num(at.0))\" y=\"\(SVG.num(at.1 + 3.2))\" text-anchor=\"middle\" font-size=\"9\" "
                            + "class=\"halo\">\(SVG.escape(text))</text>")
                    break
                }
            }
            for m in marks {
                var cross = PathBuilder()
                let x = area.px(m.x), y = area.py(m.y)
                cross.move(x - 5, y - 5)
                cross.line(x + 5, y + 5)
                cross.move(x - 5, y + 5)
                cross.line(x + 5, y - 5)
                canvas.path(cross.data, attributes: "stroke=\"currentColor\" stroke-width=\"1.6\"")
                if let label = m.label {
                    canvas.text(label, x: x + 8, y: y - 6, size: 11, className: "halo")
                }
            }
            for path in paths {
                let points = zip(path.x, path.y).filter { $0.isFinite && $1.isFinite }.map { (area.px($0), area.py($1)) }
                guard let first = points.first, let last = points.last else { continue }
                var line = PathBuilder()
                line.move(first.0, first.1)
                for p in points.dropFirst() { line.line(p.0, p.1) }
                canvas.path(
                    line.data,
                    attributes: path.color.attributes(stroke: true)
                        + " fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\"")
                Marker.circle.draw(at: points, size: 5, color: path.color, into: &canvas)
                Marker.ring.draw(at: [first], size: 11, color: .foreground, into: &canvas)
                Marker.square.draw(at: [last], size: 8, color: .foreground, into: &canvas)
            }
        }
    }
}
