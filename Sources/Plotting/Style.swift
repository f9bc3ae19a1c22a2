/// A colour for a series.
public enum PlotColor: Sendable, Equatable, Hashable {
    /// The n-th colour of the colour-blind-safe palette (`Palette`), with its
    /// dark-mode variant.
    case palette(Int)
    /// A fixed CSS colour such as "#777777"; it does not change in dark mode.
    case css(String)
    /// The text colour: black on light pages, light on dark ones.
    case foreground

    /// Attributes that paint strokes (`stroke: true`) or fills in this colour. Palette
    /// colours carry a class so the style sheet can swap them in dark mode.
    func attributes(stroke: Bool, extraClass: String? = nil) -> String {
        let property = stroke ? "stroke" : "fill"
        var classes = extraClass.map { [$0] } ?? []
        let value: String
        switch self {
        case .palette(let i):
            let n = ((i % Palette.light.count) + Palette.light.count) % Palette.light.count
            classes.insert("\(stroke ? "s" : "f")\(n)", at: 0)
            value = Palette.light[n]
        case .css(let c): value = SVG.escape(c)
        case .foreground: value = "currentColor"
        }
        let classAttribute = classes.isEmpty ? "" : "class=\"\(classes.joined(separator: " "))\" "
        return classAttribute + "\(property)=\"\(value)\""
    }
}

/// The shape drawn at each data point.
public enum Marker: Sendable, Equatable, Hashable, CaseIterable {
    case none, circle, square, diamond, triangle
    /// An open circle, for start points.
    case ring

    /// Path data for markers of this shape centred at the given points, and whether
    /// the path is stroked (dots drawn by round or square line caps, a zero-length
    /// segment each, which keeps thousands of markers small) or filled.
    func path(at points: [(Double, Double)], size: Double) -> (data: String, stroked: Bool) {
        var p = PathBuilder()
        let r = size / 2
        switch self {
        case .none: return ("", true)
        case .ring:
            var d = ""
            let rr = SVG.num(r), dd = SVG.num(2 * r)
            for (x, y) in points {
                d += "M\(SVG.num(x - r)) \(SVG.num(y))a\(rr) \(rr) 0 1 0 \(dd) 0a\(rr) \(rr) 0 1 0 -\(dd) 0"
            }
            return (d, true)
        case .circle, .square:
            for (x, y) in points { p.dot(x, y) }
            return (p.data, true)
        case .diamond:
            let d = r * 1.3
            for (x, y) in points { p.shape(at: x, y, relative: [(0, -d), (d, 0), (0, d), (-d, 0)]) }
        case .triangle:
            let d = r * 1.25
            for (x, y) in points { p.shape(at: x, y, relative: [(0, -d), (d * 0.95, d * 0.7), (-d * 0.95, d * 0.7)]) }
        }
        return (p.data, false)
    }

    /// Draws the markers into the canvas in `color`.
    func draw(
        at points: [(Double, Double)], size: Double, color: PlotColor,
        into canvas: inout Canvas, extra: String = ""
    ) {
        guard self != .none, !points.isEmpty else { return }
        let (d, stroked) = path(at: points, size: size)
        if self == .ring {
            canvas.path(d, attributes: "\(color.attributes(stroke: true)) fill=\"none\" stroke-width=\"1.8\"\(extra)")
        } else if stroked {
            let cap = self == .circle ? "round" : "square"
            canvas.path(
                d,
                attributes: "\(color.attributes(stroke: true)) fill=\"none\" "
                    + "stroke-width=\"\(SVG.num(self == .square ? size * 0.9 : size))\" stroke-linecap=\"\(cap)\"\(extra)")
        } else {
            canvas.path(d, attributes: "\(color.attributes(stroke: false))\(extra)")
        }
    }
}

/// Where a legend goes.
public enum LegendPlacement: Sendable, Equatable {
    /// Inside the plot, in the corner that covers the least data; outside on the
    /// right when every corner would cover some.
    case automatic
    case topLeft, topRight, bottomLeft, bottomRight
    /// To the right of the plot area.
    case outsideRight
    /// No legend.
    case hidden
}
