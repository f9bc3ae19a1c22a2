/// One row of a legend: a swatch and its label.
struct LegendItem {
    enum Swatch {
        /// A line; `band`: over a shaded strip, for a curve drawn with a band.
        case line(dashed: Bool, marker: Marker, band: Bool = false)
        case marker(Marker)
        /// A filled box, drawn at the opacity the chart's bars have.
        case box(opacity: Double)
        /// A strip shaded as a line chart's bands are.
        case shade
    }
    var label: String
    var color: PlotColor
    var swatch: Swatch
}

/// Draws legends and measures them.
struct LegendBox {
    var items: [LegendItem]
    var fontSize: Double = 11
    var rowHeight: Double { fontSize + 5 }
    let padding = 6.0
    let swatchWidth = 22.0

    /// Columns of entries, filled top to bottom; more than one when a long legend
    /// would be taller than the figure.
    var columns = 1
    let columnGap = 14.0

    var rowsPerColumn: Int { (items.count + columns - 1) / max(1, columns) }
    var columnWidth: Double {
        swatchWidth + 6 + (items.map { TextMetrics.width($0.label, size: fontSize) }.max() ?? 0)
    }

    var size: (width: Double, height: Double) {
        (
            padding * 2 + Double(columns) * columnWidth + Double(columns - 1) * columnGap,
            padding * 2 + Double(rowsPerColumn) * rowHeight - 3
        )
    }

    /// Sets the fewest columns that keep the legend within `maxHeight`.
    mutating func fit(height maxHeight: Double) {
        columns = 1
        while size.height > maxHeight && columns < items.count { columns += 1 }
    }

    func draw(into canvas: inout Canvas, x: Double, y: Double, background: Bool = true) {
        let (w, h) = size
        if background {
            canvas.rect(Rect(x: x, y: y, width: w, height: h), attributes: "class=\"lg\" rx=\"3\"")
        }
        let perColumn = max(1, rowsPerColumn)
        for (i, item) in items.enumerated() {
            let column = Double(i / perColumn), row = Double(i % perColumn)
            let left = x + padding + column * (columnWidth + columnGap)
            let cy = y + padding + row * rowHeight + rowHeight / 2 - 1.5
            drawSwatch(item, into: &canvas, x: left, cy: cy)
            canvas.text(item.label, x: left + swatchWidth + 6, y: cy, size: fontSize, baseline: .middle)
        }
    }

    private func entryWidth(_ item: LegendItem) -> Double {
        swatchWidth + 6 + TextMetrics.width(item.label, size: fontSize)
    }

    /// Entries split into centred lines no wider than `maxWidth` (for the top of a grid).
    func lines(maxWidth: Double) -> [[LegendItem]] {
        var lines: [[LegendItem]] = [[]]
        var width = 0.0
        for item in items {
            let w = entryWidth(item)
            if !lines[lines.count - 1].isEmpty && width + 16 + w > maxWidth {
                lines.append([])
                width = 0
            }
            width += (lines[lines.count - 1].isEmpty ? 0 : 16) + w
            lines[lines.count - 1].append(item)
        }
        return lines.filter { !$0.isEmpty }
    }

    /// Entries in rows, each centred on `centerX`, the first at `cy`.
    func drawRows(into canvas: inout Canvas, centerX: Double, cy: Double, maxWidth: Double) {
        for (r, line) in lines(maxWidth: maxWidth).enumerated() {
            let total = line.map(entryWidth).reduce(0, +) + 16 * Double(line.count - 1)
            var x = centerX - total / 2
            let y = cy + Double(r) * rowHeight
            for item in line {
                drawSwatch(item, into: &canvas, x: x, cy: y)
                canvas.text(item.label, x: x + swatchWidth + 6, y: y, size: fontSize, baseline: .middle)
                x += entryWidth(item) + 16
            }
        }
    }

    func drawSwatch(_ item: LegendItem, into canvas: inout Canvas, x: Double, cy: Double) {
        switch item.swatch {
        case .line(let dashed, let marker, let band):
            if band {
                canvas.rect(
                    Rect(x: x, y: cy - 5, width: swatchWidth, height: 10),
                    attributes: item.color.attributes(stroke: false) + " fill-opacity=\".2\"")
            }
            var p = PathBuilder()
            p.move(x, cy)
            p.line(x + swatchWidth, cy)
            canvas.path(
                p.data,
                attributes: "\(item.color.attributes(stroke: true)) fill=\"none\" stroke-width=\"2\""
                    + (dashed ? " stroke-dasharray=\"5 3\"" : ""))
            marker.draw(at: [(x + swatchWidth / 2, cy)], size: 6, color: item.color, into: &canvas)
        case .marker(let marker):
            marker.draw(at: [(x + swatchWidth / 2, cy)], size: 7, color: item.color, into: &canvas)
        case .shade:
            canvas.rect(
                Rect(x: x, y: cy - 5, width: swatchWidth, height: 10),
                attributes: item.color.attributes(stroke: false) + " fill-opacity=\".2\"")
        case .box(let opacity):
            canvas.rect(
                Rect(x: x + 3, y: cy - 5, width: swatchWidth - 6, height: 10),
                attributes: item.color.attributes(stroke: false, extraClass: opacity < 0.5 ? "ov" : nil)
                    + (opacity < 1 ? " fill-opacity=\"\(format2(opacity))\"" : ""))
        }
    }
}
