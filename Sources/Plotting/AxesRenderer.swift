import Foundation

/// Data-space shapes a chart covers, so a legend can keep off them.
struct Occupancy {
    var polylines: [[(Double, Double)]] = []
    var points: [(Double, Double)] = []
    /// Rectangles as (x0, y0, x1, y1) in data space.
    var rects: [(Double, Double, Double, Double)] = []
}

/// What the shared axes renderer needs to know about a chart.
struct AxesSpec {
    var figureName: String
    var title: String?
    var xAxis: Axis
    var yAxis: Axis
    var xExtent: ClosedRange<Double>?
    var yExtent: ClosedRange<Double>?
    var xPadding = 0.0
    var yPadding = 0.0
    var xNice = true
    var yNice = true
    /// Whether all x values are whole numbers (epochs, updates): no ticks between them.
    var xIntegers = false
    /// Category names for a categorical x axis (bar charts): category i sits at x = i.
    var categories: [String]?
    var legend: [LegendItem] = []
    var legendPlacement: LegendPlacement = .automatic
    var occupancy = Occupancy()
}

/// The plot rectangle and the two resolved axes: maps data to pixels.
struct PlotArea {
    var rect: Rect
    var x: AxisLayout
    var y: AxisLayout
    func px(_ v: Double) -> Double { rect.x + x.fraction(v) * rect.width }
    func py(_ v: Double) -> Double { rect.maxY - y.fraction(v) * rect.height }
}

/// Lays out and draws everything around the data of a chart with two axes: margins,
/// grid, ticks and their labels, axis labels, title and legend.
enum AxesRenderer {
    struct Fonts {
        var tick: Double, label: Double, title: Double
        init(subplot: Bool) {
            tick = subplot ? 10 : 11
            label = subplot ? 11 : 12
            title = subplot ? 12 : 14
        }
    }

    static func render(
        _ spec: AxesSpec, into canvas: inout Canvas, frame: Rect, options: PanelOptions,
        drawData: (inout Canvas, PlotArea) throws -> Void
    ) throws {
        let fonts = Fonts(subplot: options.isSubplot)
        var xAxis = spec.xAxis, yAxis = spec.yAxis
        if let l = options.xLimits { xAxis.limits = l }
        if let l = options.yLimits { yAxis.limits = l }
        let showXLabel = options.showXLabel && xAxis.label?.isEmpty == false
        let showYLabel = options.showYLabel && yAxis.label?.isEmpty == false

        func resolveX(_ maxTicks: Int) throws -> AxisLayout {
            if let categories = spec.categories {
                let ticks = categories.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
                return AxisLayout(
                    scale: .linear, lower: -0.5, upper: Double(categories.count) - 0.5,
                    ticks: ticks, minorTicks: [])
            }
            return try AxisLayout.resolve(
                axis: xAxis, dataLower: spec.xExtent?.lowerBound,
                dataUpper: spec.xExtent?.upperBound, name: "x",
                figure: spec.figureName, padding: spec.xPadding,
                nice: spec.xNice, maxTicks: maxTicks, integers: spec.xIntegers)
        }
        func resolveY(_ maxTicks: Int) throws -> AxisLayout {
            try AxisLayout.resolve(
                axis: yAxis, dataLower: spec.yExtent?.lowerBound,
                dataUpper: spec.yExtent?.upperBound, name: "y",
                figure: spec.figureName, padding: spec.yPadding,
                nice: spec.yNice, maxTicks: maxTicks)
        }

        var legend = LegendBox(items: spec.legend, fontSize: options.isSubplot ? 10 : 11)
        legend.fit(height: frame.height - 50)
        let wantsLegend = options.showLegend && !spec.legend.isEmpty && spec.legendPlacement != .hidden
        var legendOutside = wantsLegend && spec.legendPlacement == .outsideRight

        func maxWidth(_ ticks: [Tick], _ size: Double) -> Double {
            ticks.map { TextMetrics.width($0.label, size: size) }.max() ?? 0
        }
        var rotateCategories = false
        func plotRect(_ x: AxisLayout, _ y: AxisLayout) -> Rect {
            let top = frame.y + (spec.title != nil ? fonts.title + (options.isSubplot ? 10 : 16) : 10)
            let yTicks = options.showYTickLabels ? maxWidth(y.ticks, fonts.tick) + 9 : 5
            let left = frame.x + (options.leftMargin ?? (6 + (showYLabel ? fonts.label + 8 : 0) + yTicks))
            var bottomSpace = (options.showXTickLabels ? fonts.tick + 10 : 5) + (showXLabel ? fonts.label + 9 : 0) + 5
            if rotateCategories && options.showXTickLabels {
                bottomSpace += maxWidth(x.ticks, fonts.tick) * 0.57
            }
            let lastLabel =
                options.showXTickLabels && spec.categories == nil
                ? (x.ticks.last.map { TextMetrics.width($0.label, size: fonts.tick) / 2 } ?? 0) : 0
            var right = max(options.isSubplot ? 14 : 12, lastLabel + (options.isSubplot ? 8 : 3))
            if legendOutside { right = legend.size.width + 16 }
            return Rect(
                x: left, y: top, width: max(20, frame.maxX - right - left),
                height: max(20, frame.maxY - bottomSpace - top))
        }

        // Tick counts depend on the room the plot gets, and the room on the tick labels:
        // lay out, pick counts that fit, and lay out again if they changed.
        var xTicksWanted = options.isSubplot ? 5 : 7, yTicksWanted = options.isSubplot ? 5 : 7
        var xLayout = try resolveX(xTicksWanted), yLayout = try resolveY(yTicksWanted)
        var rect = plotRect(xLayout, yLayout)
        for _ in 0..<3 {
            let labelWidth = max(maxWidth(xLayout.ticks, fonts.tick), TextMetrics.width("0.00", size: fonts.tick))
            let fitX = clampedInt(rect.width / (labelWidth + 16) + 1, 2, 9)
            let fitY = clampedInt(rect.height / 30 + 1, 3, 8)
            if fitX == xTicksWanted && fitY == yTicksWanted { break }
            xTicksWanted = fitX
            yTicksWanted = fitY
            xLayout = try resolveX(fitX)
            yLayout = try resolveY(fitY)
            rect = plotRect(xLayout, yLayout)
        }
        if let categories = spec.categories, !categories.isEmpty {
            let slot = rect.width / Double(categories.count)
            if maxWidth(xLayout.ticks, fonts.tick) > slot - 6 {
                rotateCategories = true
                rect = plotRect(xLayout, yLayout)
            }
        }
        var area = PlotArea(rect: rect, x: xLayout, y: yLayout)

        // Legend: the emptiest inside corner, or outside when every corner covers data.
        var legendOrigin: (Double, Double)?
        if wantsLegend {
            let (lw, lh) = legend.size
            let inset = 6.0
            func origin(_ p: LegendPlacement, _ r: Rect) -> (Double, Double) {
                switch p {
                case .topLeft: return (r.x + inset, r.y + inset)
                case .bottomLeft: return (r.x + inset, r.maxY - lh - inset)
                case .bottomRight: return (r.maxX - lw - inset, r.maxY - lh - inset)
                default: return (r.maxX - lw - inset, r.y + inset)
                }
            }
            switch spec.legendPlacement {
            case .automatic:
                let fits = lw < rect.width * 0.5 && lh < rect.height * 0.6
                let grid = OccupancyGrid(spec.occupancy, area: area)
                let candidates: [LegendPlacement] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
                let scores = candidates.map { p -> Int in
                    // Data under the legend counts most; data near it breaks ties, so the
                    // legend goes where it has the most room around it.
                    let (ox, oy) = origin(p, rect)
                    let under = grid.count(in: Rect(x: ox - 3, y: oy - 3, width: lw + 6, height: lh + 6), area: area)
                    let near = grid.count(in: Rect(x: ox - 24, y: oy - 24, width: lw + 48, height: lh + 48), area: area)
                    return under * 10_000 + near
                }
                let best = scores.enumerated().min { $0.element < $1.element }!.offset
                if fits && scores[best] < 10_000 {
                    legendOrigin = origin(candidates[best], rect)
                } else if frame.width - legend.size.width > frame.width * 0.55 {
                    legendOutside = true
                } else {
                    legendOrigin = origin(candidates[best], rect)
                }
            case .outsideRight: break
            default: legendOrigin = origin(spec.legendPlacement, rect)
            }
            if legendOutside {
                rect = plotRect(xLayout, yLayout)
                area = PlotArea(rect: rect, x: xLayout, y: yLayout)
                legendOrigin = (rect.maxX + 12, rect.y)
            }
        }

        // Grid lines under everything.
        var grid = PathBuilder()
        if yAxis.grid {
            for t in yLayout.ticks where yLayout.contains(t.value) {
                let y = area.py(t.value)
                grid.move(rect.x, y)
                grid.line(rect.maxX, y)
            }
        }
        if xAxis.grid && spec.categories == nil {
            for t in xLayout.ticks where xLayout.contains(t.value) {
                let x = area.px(t.value)
                grid.move(x, rect.y)
                grid.line(x, rect.maxY)
            }
        }
        canvas.path(grid.data, attributes: "class=\"gr\"")

        // The data, clipped a little outside the frame so edge markers stay whole.
        let clip = canvas.clipRect(Rect(x: rect.x - 4, y: rect.y - 4, width: rect.width + 8, height: rect.height + 8))
        canvas.raw("<g clip-path=\"url(#\(clip))\">")
        try drawData(&canvas, area)
        canvas.raw("</g>")

        // Spines, ticks and labels.
        var spine = PathBuilder()
        spine.move(rect.x, rect.y)
        spine.line(rect.x, rect.maxY)
        spine.line(rect.maxX, rect.maxY)
        canvas.path(spine.data, attributes: "class=\"ax\"")
        var ticks = PathBuilder()
        for t in xLayout.ticks where xLayout.contains(t.value) {
            let x = area.px(t.value)
            ticks.move(x, rect.maxY)
            ticks.line(x, rect.maxY + 4)
        }
        for v in xLayout.minorTicks where xLayout.contains(v) {
            let x = area.px(v)
            ticks.move(x, rect.maxY)
            ticks.line(x, rect.maxY + 2.5)
        }
        for t in yLayout.ticks where yLayout.contains(t.value) {
            let y = area.py(t.value)
            ticks.move(rect.x, y)
            ticks.line(rect.x - 4, y)
        }
        for v in yLayout.minorTicks where yLayout.contains(v) {
            let y = area.py(v)
            ticks.move(rect.x, y)
            ticks.line(rect.x - 2.5, y)
        }
        canvas.path(ticks.data, attributes: "class=\"tk\"")

        if options.showXTickLabels {
            for t in xLayout.ticks where xLayout.contains(t.value) {
                let x = area.px(t.value)
                if rotateCategories {
                    let y = rect.maxY + 8
                    if spec.categories != nil { canvas.addWord(t.label) }
                    canvas.raw(
                        "<text x=\"\(SVG.num(x))\" y=\"\(SVG.num(y + fonts.tick * 0.35))\" text-anchor=\"end\" "
                            + "font-size=\"\(SVG.num(fonts.tick))\" transform=\"rotate(-35 \(SVG.num(x)) \(SVG.num(y)))\">"
                            + SVG.escape(t.label) + "</text>")
                } else {
                    canvas.text(
                        t.label, x: x, y: rect.maxY + 6, anchor: .middle, size: fonts.tick, baseline: .hanging,
                        isNumber: spec.categories == nil)
                }
            }
        }
        if options.showYTickLabels {
            for t in yLayout.ticks where yLayout.contains(t.value) {
                canvas.text(
                    t.label, x: rect.x - 7, y: area.py(t.value), anchor: .end, size: fonts.tick,
                    baseline: .middle, isNumber: true)
            }
        }
        if showXLabel, let label = xAxis.label {
            canvas.text(label, x: rect.x + rect.width / 2, y: frame.maxY - 6, anchor: .middle, size: fonts.label)
        }
        if showYLabel, let label = yAxis.label {
            canvas.text(
                label, x: frame.x + 4 + fonts.label * 0.8, y: rect.y + rect.height / 2, anchor: .middle,
                size: fonts.label, rotate: true)
        }
        if let title = spec.title {
            canvas.title(
                title, centerX: rect.x + rect.width / 2, y: frame.y + fonts.title + (options.isSubplot ? 2 : 6),
                size: fonts.title, frame: frame)
        }
        if let (lx, ly) = legendOrigin {
            legend.draw(into: &canvas, x: lx, y: ly, background: !legendOutside)
        }
    }
}

/// A coarse raster of where data lies in a plot, for placing legends.
struct OccupancyGrid {
    static let n = 48
    var cells = [Bool](repeating: false, count: OccupancyGrid.n * OccupancyGrid.n)

    init(_ occupancy: Occupancy, area: PlotArea) {
        let n = Double(OccupancyGrid.n)
        func frac(_ p: (Double, Double)) -> (Double, Double)? {
            let fx = area.x.scale == .log && p.0 <= 0 ? Double.nan : area.x.fraction(p.0)
            let fy = area.y.scale == .log && p.1 <= 0 ? Double.nan : area.y.fraction(p.1)
            return fx.isFinite && fy.isFinite ? (fx, fy) : nil
        }
        for p in occupancy.points { if let f = frac(p) { mark(f) } }
        for line in occupancy.polylines {
            var previous: (Double, Double)?
            for p in line {
                guard let f = frac(p) else {
                    previous = nil
                    continue
                }
                if let q = previous {
                    let steps = clampedInt((max(abs(f.0 - q.0), abs(f.1 - q.1)) * n * 2).rounded(.up), 1, 400)
                    for s in 0...max(1, steps) {
                        let t = Double(s) / Double(max(1, steps))
                        mark((q.0 + (f.0 - q.0) * t, q.1 + (f.1 - q.1) * t))
                    }
                } else {
                    mark(f)
                }
                previous = f
            }
        }
        for r in occupancy.rects {
            guard let a = frac((r.0, r.1)), let b = frac((r.2, r.3)) else { continue }
            let i0 = cell(min(a.0, b.0)), i1 = cell(max(a.0, b.0))
            let j0 = cell(min(a.1, b.1)), j1 = cell(max(a.1, b.1))
            if i0 > i1 || j0 > j1 { continue }
            for i in i0...i1 { for j in j0...j1 { cells[j * OccupancyGrid.n + i] = true } }
        }
    }

    private func cell(_ f: Double) -> Int { clampedInt(f * Double(OccupancyGrid.n), 0, OccupancyGrid.n - 1) }

    private mutating func mark(_ f: (Double, Double)) {
        guard f.0 >= 0, f.0 <= 1, f.1 >= 0, f.1 <= 1 else { return }
        cells[cell(f.1) * OccupancyGrid.n + cell(f.0)] = true
    }

    /// Occupied cells under a pixel rectangle.
    func count(in r: Rect, area: PlotArea) -> Int {
        let pr = area.rect
        let x0 = (r.x - pr.x) / pr.width, x1 = (r.maxX - pr.x) / pr.width
        let y0 = (pr.maxY - r.maxY) / pr.height, y1 = (pr.maxY - r.y) / pr.height
        let i0 = cell(x0), i1 = cell(x1), j0 = cell(y0), j1 = cell(y1)
        var c = 0
        for j in j0...j1 { for i in i0...i1 where cells[j * OccupancyGrid.n + i] { c += 1 } }
        return c
    }
}
