/// Several figures in a grid: activation histograms per layer (1×5), training curves
/// per weight scale (4×4). Axes can be shared, so every panel uses the same limits
/// and only the outer panels carry tick labels.
///
/// ```swift
/// var grid = SubplotGrid(title: "Activations per layer", rows: 1, columns: 5, sharedY: true)
/// for (i, a) in activations.enumerated() {
///     var h = Histogram(title: "layer \(i + 1)", bins: 30, range: 0...1)
///     h.add(values: a)
///     grid.add(h)
/// }
/// let svg = try grid.svg()
/// ```
///
/// Legends of the panels are merged into one row under the title (`sharedLegend`).
public struct SubplotGrid: Figure {
    public var title: String?
    public var rows: Int
    public var columns: Int
    public var sharedX: Bool
    public var sharedY: Bool
    /// One legend for the whole grid instead of one per panel.
    public var sharedLegend: Bool
    /// Size of each panel.
    public var panelWidth: Double
    public var panelHeight: Double
    /// Labels for the whole grid, written once under the bottom row and left of the
    /// first column instead of on every panel.
    public var xLabel: String?
    public var yLabel: String?
    public var id: String?
    public private(set) var panels: [any Figure] = []

    public init(
        title: String? = nil, rows: Int, columns: Int, sharedX: Bool = false, sharedY: Bool = false,
        sharedLegend: Bool = true, xLabel: String? = nil, yLabel: String? = nil,
        panelWidth: Double = 220, panelHeight: Double = 180, id: String? = nil
    ) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.sharedX = sharedX
        self.sharedY = sharedY
        self.sharedLegend = sharedLegend
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
        self.id = id
    }

    /// Adds a figure in the next free cell, row by row.
    public mutating func add(_ figure: any Figure) {
        panels.append(figure)
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }

    var legendEntries: [LegendItem] {
        guard sharedLegend else { return [] }
        var seen = Set<String>()
        var items: [LegendItem] = []
        for case let panel as any Panel in panels {
            for item in panel.legendItems() where seen.insert(item.label).inserted { items.append(item) }
        }
        return items
    }

    var titleSpace: Double { title != nil ? 30 : 4 }
    var legendSpace: Double {
        let entries = legendEntries
        if entries.isEmpty { return 0 }
        let rows = LegendBox(items: entries).lines(maxWidth: Double(columns) * panelWidth - 20).count
        return 6 + Double(rows) * 16
    }
    var outerLeft: Double { (yLabel != nil ? 20 : 0) + (sharedY ? sharedTickSpace : 0) }
    var outerBottom: Double { xLabel != nil ? 20 : 0 }
    /// Extra room for the y tick labels of a shared axis, given to the first column.
    var sharedTickSpace: Double {
        guard sharedY, let layout = try? sharedLayouts().y else { return 0 }
        return (layout.ticks.map { TextMetrics.width($0.label, size: 10) }.max() ?? 0) + 10
    }

    public var width: Double { outerLeft + Double(columns) * panelWidth }
    public var height: Double { titleSpace + legendSpace + Double(rows) * panelHeight + outerBottom }

    /// Shared limits: the union of the panels' data, resolved like a single axis.
    func sharedLayouts() throws -> (x: AxisLayout?, y: AxisLayout?) {
        var xe: ClosedRange<Double>?, ye: ClosedRange<Double>?
        var xAxis: Axis?, yAxis: Axis?
        for case let panel as any Panel in panels {
            guard let e = try panel.dataExtent() else { continue }
            xe = SeriesData.union(xe, e.x)
            ye = SeriesData.union(ye, e.y)
            if xAxis == nil, let axes = panel.axes {
                xAxis = axes.x
                yAxis = axes.y
            }
        }
        func resolve(_ axis: Axis?, _ e: ClosedRange<Double>?, _ name: String) throws -> AxisLayout? {
            guard let axis, let e else { return nil }
            return try AxisLayout.resolve(
                axis: axis, dataLower: e.lowerBound, dataUpper: e.upperBound,
                name: name, figure: figureName, maxTicks: 5)
        }
        return (sharedX ? try resolve(xAxis, xe, "x") : nil, sharedY ? try resolve(yAxis, ye, "y") : nil)
    }
}

extension SubplotGrid: Panel {
    var kind: String { "grid of subplots" }

    func summary() -> String {
        var s = "Grid of \(rows)×\(columns) subplots"
        let names = panels.compactMap(\.title)
        if !names.isEmpty { s += ": " + names.joined(separator: ", ") }
        return s + "."
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        if panels.isEmpty { throw PlotError.noData(figure: figureName) }
        if rows < 1 || columns < 1 || panels.count > rows * columns {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "\(panels.count) panels do not fit in \(rows) × \(columns) cells")
        }
        let shared = try sharedLayouts()
        let scaleX = frame.width / width, scaleY = frame.height / height
        let pw = panelWidth * scaleX, ph = panelHeight * scaleY
        let left = frame.x + outerLeft * scaleX
        let top = frame.y + (titleSpace + legendSpace) * scaleY
        if let title {
            canvas.title(title, centerX: frame.x + frame.width / 2, y: frame.y + 20, size: 14, frame: frame)
        }
        let legend = LegendBox(items: legendEntries, fontSize: 11)
        if !legend.items.isEmpty {
            legend.drawRows(
                into: &canvas, centerX: frame.x + frame.width / 2, cy: frame.y + titleSpace * scaleY + 8,
                maxWidth: Double(columns) * panelWidth - 20)
        }
        let lastRow = (panels.count - 1) / columns
        for (k, figure) in panels.enumerated() {
            guard let panel = figure as? any Panel else {
                throw PlotError.invalidArgument(
                    figure: figureName,
                    message: "panel \(k) is a \(type(of: figure)), which SubplotGrid cannot lay out")
            }
            let row = k / columns, column = k % columns
            // The bottom panel of each column carries the shared x tick labels.
            let isBottom = row == lastRow || (row == lastRow - 1 && column > (panels.count - 1) % columns)
            var o = PanelOptions()
            o.isSubplot = true
            o.showLegend = !sharedLegend
            if let x = shared.x {
                o.xLimits = x.lower...x.upper
                o.showXTickLabels = isBottom
            }
            if let y = shared.y {
                o.yLimits = y.lower...y.upper
                o.showYTickLabels = column == 0
            }
            o.showXLabel = xLabel == nil && (shared.x == nil || isBottom)
            o.showYLabel = yLabel == nil && (shared.y == nil || column == 0)
            var cell = Rect(x: left + Double(column) * pw, y: top + Double(row) * ph, width: pw, height: ph)
            if shared.y != nil {
                // Every plot area starts at the same offset in its cell; the first
                // column's tick labels sit in the extra room left of the grid.
                o.leftMargin = 14 + (o.showYLabel && panel.axes?.y.label != nil ? 19 : 0)
                if column == 0 {
                    cell.x -= sharedTickSpace * scaleX
                    cell.width += sharedTickSpace * scaleX
                    o.leftMargin = o.leftMargin! + sharedTickSpace * scaleX
                }
            }
            try panel.render(into: &canvas, frame: cell, options: o)
        }
        if let xLabel {
            canvas.text(xLabel, x: left + Double(columns) * pw / 2, y: frame.maxY - 6, anchor: .middle, size: 12)
        }
        if let yLabel {
            canvas.text(yLabel, x: frame.x + 14, y: top + Double(rows) * ph / 2, anchor: .middle, size: 12, rotate: true)
        }
    }
}
