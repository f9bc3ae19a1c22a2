/// One row of a legend: a swatch and its label.
struct LegendItem {
    enum Swatch {
        case line(dashed: Bool, marker: Marker)
        case marker(Marker)
        /// A filled box, drawn at the opacity the chart's bars have.
        case box(opacity: Double)
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

    var size: (width: Double, height: Double) {
        let textWidth = items.map { TextMetrics.width($0.label, size: fontSize) }.max() ?? 0
        return (padding * 2 + swatchWidth + 6 + textWidth, padding * 2 + Double(items.count) * rowHeight - 3)
    }

    /// A legend laid out in one row (for the top of a grid of subplots).
    var rowWidth: Double {
        items.map { swatchWidth + 6 + TextMetrics.width($0.label, size: fontSize) + 16 }.reduce(0, +) - 16
    }

    func draw(into canvas: inout Canvas, x: Double, y: Double, background: Bool = true) {
        let (w, h) = size
        if background {
            canvas.rect(Rect(x: x, y: y, width: w, height: h), attributes: "class=\"lg\" rx=\"3\"")
        }
        for (i, item) in items.enumerated() {
            let cy = y + padding + Double(i) * rowHeight + rowHeight / 2 - 1.5
            drawSwatch(item, into: &canvas, x: x + padding, cy: cy)
            canvas.text(item.label, x: x + padding + swatchWidth + 6, y: cy,
                        size: fontSize, baseline: .middle)
        }
    }

    /// One row, left to right, centred on `centerX`.
    func drawRow(into canvas: inout Canvas, centerX: Double, cy: Double) {
        var x = centerX - rowWidth / 2
        for item in items {
            drawSwatch(item, into: &canvas, x: x, cy: cy)
            canvas.text(item.label, x: x + swatchWidth + 6, y: cy, size: fontSize, baseline: .middle)
            x += swatchWidth + 6 + TextMetrics.width(item.label, size: fontSize) + 16
        }
    }

    func drawSwatch(_ item: LegendItem, into canvas: inout Canvas, x: Double, cy: Double) {
        switch item.swatch {
        case let .line(dashed, marker):
            var p = PathBuilder()
            p.move(x, cy); p.line(x + swatchWidth, cy)
            canvas.path(p.data, attributes: "\(item.color.attributes(stroke: true)) fill=\"none\" stroke-width=\"2\""
                + (dashed ? " stroke-dasharray=\"5 3\"" : ""))
            marker.draw(at: [(x + swatchWidth / 2, cy)], size: 6, color: item.color, into: &canvas)
        case let .marker(marker):
            marker.draw(at: [(x + swatchWidth / 2, cy)], size: 7, color: item.color, into: &canvas)
        case .box(let opacity):
            canvas.rect(Rect(x: x + 3, y: cy - 5, width: swatchWidth - 6, height: 10),
                        attributes: item.color.attributes(stroke: false)
                            + (opacity < 1 ? " fill-opacity=\"\(format2(opacity))\"" : ""))
        }
    }
}
