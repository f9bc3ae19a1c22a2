import Foundation

/// A matrix as coloured cells with a colour bar: weights, confusion matrices.
/// Row 0 is at the top, as a matrix is written.
///
/// ```swift
/// let map = HeatMap.confusionMatrix(counts, classNames: fashionClasses)
/// let weights = HeatMap(title: "First-layer weights", values: w, colorMap: .blueWhiteRed)
/// ```
public struct HeatMap: Figure {
    public var title: String?
    public var values: [[Double]]
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    public var xLabel: String?
    public var yLabel: String?
    public var colorMap: ColorMap
    /// Values mapped to the ends of the colour map; `nil`: the data's range
    /// (symmetric about zero for `.blueWhiteRed`).
    public var limits: ClosedRange<Double>?
    /// Writes each cell's value in it (when the cells are large enough to read).
    public var showValues: Bool
    /// Keeps cells square; otherwise they stretch to fill the figure.
    public var squareCells: Bool
    /// Label of the colour bar.
    public var colorBarLabel: String?
    public var width: Double
    public var height: Double
    public var id: String?

    public init<T: BinaryFloatingPoint>(
        title: String? = nil, values: [[T]], rowLabels: [String]? = nil,
        columnLabels: [String]? = nil, xLabel: String? = nil, yLabel: String? = nil,
        colorMap: ColorMap = .viridis, limits: ClosedRange<Double>? = nil,
        showValues: Bool = false, squareCells: Bool = true,
        colorBarLabel: String? = nil,
        width: Double = 520, height: Double = 440, id: String? = nil
    ) {
        self.title = title
        self.values = values.map { row in row.map { Double($0) } }
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.colorMap = colorMap
        self.limits = limits
        self.showValues = showValues
        self.squareCells = squareCells
        self.colorBarLabel = colorBarLabel
        self.width = width
        self.height = height
        self.id = id
    }

    /// A confusion matrix: rows are true classes, columns predicted ones, counts written in the cells.
    public static func confusionMatrix(
        _ counts: [[Int]], classNames: [String],
        title: String? = "Confusion matrix", id: String? = nil
    ) -> HeatMap {
        HeatMap(
            title: title, values: counts.map { $0.map(Double.init) }, rowLabels: classNames,
            columnLabels: classNames, xLabel: "predicted class", yLabel: "true class",
            showValues: true, colorBarLabel: "count", width: 600, height: 520, id: id)
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }

    var rows: Int { values.count }
    var columns: Int { values.first?.count ?? 0 }

    /// The value range mapped to the colour map.
    func colorLimits() throws -> ClosedRange<Double> {
        if values.isEmpty || values.allSatisfy({ $0.isEmpty }) { throw PlotError.emptySeries(figure: figureName, series: "values") }
        for (i, row) in values.enumerated() where row.count != columns {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "row \(i) has \(row.count) values but row 0 has \(columns)")
        }
        if let l = rowLabels, l.count != rows {
            throw PlotError.mismatchedLengths(figure: figureName, series: "row labels", x: rows, y: l.count)
        }
        if let l = columnLabels, l.count != columns {
            throw PlotError.mismatchedLengths(figure: figureName, series: "column labels", x: columns, y: l.count)
        }
        if let limits {
            guard limits.lowerBound.isFinite, limits.upperBound.isFinite, limits.upperBound > limits.lowerBound else {
                throw PlotError.invalidLimits(figure: figureName, axis: "colour", lower: limits.lowerBound, upper: limits.upperBound)
            }
            return limits
        }
        guard let e = SeriesData.extent(values.flatMap { $0 }) else {
            throw PlotError.noFiniteValues(figure: figureName, series: "values")
        }
        var lo = e.lowerBound, hi = e.upperBound
        if colorMap == .blueWhiteRed {
            let m = max(abs(lo), abs(hi))
            lo = -m
            hi = m
        }
        if hi - lo <= abs(hi) * 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        return lo...hi
    }
}

extension HeatMap: Panel {
    var kind: String { "heat map" }

    func summary() -> String {
        var s = "Heat map of a \(rows)×\(columns) matrix"
        if let l = try? colorLimits() { s += ", colours from \(TickFormat.compact(l.lowerBound)) to \(TickFormat.compact(l.upperBound))" }
        if let x = xLabel { s += "; columns: \(x)" }
        if let y = yLabel { s += "; rows: \(y)" }
        return s + "."
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let limits = try colorLimits()
        let sub = options.isSubplot
        let tickFont = sub ? 9.0 : 11.0, labelFont = sub ? 10.0 : 12.0, titleFont = sub ? 12.0 : 14.0
        let barTicks = Ticks.linear(limits.lowerBound, limits.upperBound, maxTicks: 6)
        let barLabelWidth = barTicks.map { TextMetrics.width($0.label, size: tickFont) }.max() ?? 0
        let rowLabelWidth = (rowLabels?.map { TextMetrics.width($0, size: tickFont) }.max() ?? 0)
        let columnLabelWidth = (columnLabels?.map { TextMetrics.width($0, size: tickFont) }.max() ?? 0)

        let top = frame.y + (title != nil ? titleFont + (sub ? 10 : 16) : 8)
        let left = frame.x + 6 + (yLabel != nil ? labelFont + 8 : 0) + (rowLabels != nil ? rowLabelWidth + 6 : 0)
        let barWidth = sub ? 10.0 : 14.0
        let right = 14 + barWidth + 5 + barLabelWidth + (colorBarLabel != nil ? labelFont + 10 : 0) + 6
        var availableWidth = frame.maxX - right - left
        // Column labels stand upright when they fit their cells, else they are rotated.
        var cellWidth = availableWidth / Double(max(1, columns))
        let rotate = columnLabels != nil && columnLabelWidth > cellWidth - 4
        let bottomSpace =
            (columnLabels != nil ? (rotate ? columnLabelWidth * 0.6 + tickFont + 6 : tickFont + 10) : 4)
            + (xLabel != nil ? labelFont + 10 : 0) + 4
        let availableHeight = frame.maxY - bottomSpace - top
        var cellHeight = availableHeight / Double(max(1, rows))
        if squareCells {
            let side = min(cellWidth, cellHeight)
            cellWidth = side
            cellHeight = side
        }
        availableWidth = cellWidth * Double(columns)
        let grid = Rect(x: left, y: top, width: availableWidth, height: cellHeight * Double(rows))

        func t(_ v: Double) -> Double { (v - limits.lowerBound) / (limits.upperBound - limits.lowerBound) }
        if rows * columns <= 900 {
            for (i, row) in values.enumerated() {
                for (j, v) in row.enumerated() where v.isFinite {
                    canvas.rect(
                        Rect(
                            x: grid.x + Double(j) * cellWidth, y: grid.y + Double(i) * cellHeight,
                            width: cellWidth + 0.3, height: cellHeight + 0.3),
                        attributes: "fill=\"\(colorMap.hex(t(v)))\"")
                }
            }
        } else {
            // 255 steps of the colour map and grey for NaN, one byte per cell.
            let palette = (0..<255).map { colorMap.rgb(Double($0) / 254) } + [(128, 128, 128)]
            var pixels: [UInt8] = []
            pixels.reserveCapacity(rows * columns)
            for row in values {
                for v in row {
                    pixels.append(v.isFinite ? UInt8(clampedInt((t(v) * 254).rounded(), 0, 254)) : 255)
                }
            }
            canvas.raw(PNG.imageElement(PNG.encode(width: columns, height: rows, pixels: pixels, palette: palette), grid))
        }
        if showValues && cellWidth >= 16 && cellHeight >= 12 {
            let size = min(sub ? 9 : 11, cellHeight * 0.42, cellWidth * 0.3)
            for (i, row) in values.enumerated() {
                for (j, v) in row.enumerated() where v.isFinite {
                    let (r, g, b) = colorMap.rgb(t(v))
                    let light = 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) > 140
                    let text = v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : TickFormat.compact(v)
                    canvas.raw(
                        "<text x=\"\(SVG.num(grid.x + (Double(j) + 0.5) * cellWidth))\" "
                            + "y=\"\(SVG.num(grid.y + (Double(i) + 0.5) * cellHeight + size * 0.35))\" text-anchor=\"middle\" "
                            + "font-size=\"\(SVG.num(size))\" style=\"fill:\(light ? "#1a1a1a" : "#ffffff")\">"
                            + SVG.escape(text) + "</text>")
                }
            }
        }
        canvas.rect(grid, attributes: "fill=\"none\" class=\"ax\" stroke-opacity=\".35\"")

        if let rowLabels {
            for (i, label) in rowLabels.enumerated() {
                canvas.text(
                    label, x: grid.x - 5, y: grid.y + (Double(i) + 0.5) * cellHeight, anchor: .end,
                    size: tickFont, baseline: .middle)
            }
        }
        if let columnLabels {
            for (j, label) in columnLabels.enumerated() {
                let x = grid.x + (Double(j) + 0.5) * cellWidth
                if rotate {
                    let y = grid.maxY + 6
                    canvas.addWord(label)
                    canvas.raw(
                        "<text x=\"\(SVG.num(x))\" y=\"\(SVG.num(y + tickFont * 0.35))\" text-anchor=\"end\" "
                            + "font-size=\"\(SVG.num(tickFont))\" transform=\"rotate(-40 \(SVG.num(x)) \(SVG.num(y)))\">"
                            + SVG.escape(label) + "</text>")
                } else {
                    canvas.text(label, x: x, y: grid.maxY + 5, anchor: .middle, size: tickFont, baseline: .hanging)
                }
            }
        }
        if let xLabel {
            canvas.text(
                xLabel, x: grid.x + grid.width / 2,
                y: grid.maxY + bottomSpace - 6, anchor: .middle, size: labelFont)
        }
        if let yLabel {
            canvas.text(
                yLabel, x: frame.x + 4 + labelFont * 0.8, y: grid.y + grid.height / 2, anchor: .middle,
                size: labelFont, rotate: true)
        }
        if let title {
            canvas.title(
                title, centerX: grid.x + grid.width / 2, y: frame.y + titleFont + (sub ? 2 : 6),
                size: titleFont, frame: frame)
        }

        // Colour bar: a gradient from the bottom (low) to the top (high), with ticks.
        let bar = Rect(x: grid.maxX + 14, y: grid.y, width: barWidth, height: grid.height)
        let gradient = canvas.newId("g")
        var stops = ""
        for k in 0...10 {
            let f = Double(k) / 10
            stops += "<stop offset=\"\(format2(f))\" stop-color=\"\(colorMap.hex(f))\"/>"
        }
        canvas.raw("<linearGradient id=\"\(gradient)\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\(stops)</linearGradient>")
        canvas.rect(bar, attributes: "fill=\"url(#\(gradient))\"")
        canvas.rect(bar, attributes: "fill=\"none\" class=\"ax\" stroke-opacity=\".35\"")
        var ticks = PathBuilder()
        for tick in barTicks {
            let y = bar.maxY - t(tick.value) * bar.height
            ticks.move(bar.maxX, y)
            ticks.line(bar.maxX + 3, y)
            canvas.text(tick.label, x: bar.maxX + 5, y: y, size: tickFont, baseline: .middle, isNumber: true)
        }
        canvas.path(ticks.data, attributes: "class=\"tk\"")
        if let colorBarLabel {
            canvas.text(
                colorBarLabel, x: bar.maxX + 5 + barLabelWidth + 6 + labelFont * 0.8,
                y: bar.y + bar.height / 2, anchor: .middle, size: labelFont, rotate: true)
        }
    }
}
