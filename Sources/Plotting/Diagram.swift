/// Boxes joined by arrows, each arrow with a label for what flows forward and,
/// optionally, a second arrow running back with its own label: a computational
/// graph, with the values of the forward pass above and the gradients of the
/// backward pass below, as *Deep Learning from Scratch* draws them.
///
/// ```swift
/// var graph = Diagram()
/// let x = graph.node("X", column: 0, row: 1, shape: .plain)
/// let affine = graph.node("Affine", column: 1, row: 1)
/// let w = graph.node("W, b", column: 1, row: 0, shape: .plain)
/// let loss = graph.node("Loss", column: 2, row: 1)
/// graph.connect(x, affine, forward: "X")
/// graph.connect(w, affine, backward: "∂L/∂W, ∂L/∂b")
/// graph.connect(affine, loss, forward: "Z", backward: "∂L/∂Z")
/// let svg = try graph.svg()
/// ```
///
/// Nodes sit on a grid (`column`, `row`; fractions allowed) whose cells are
/// `columnSpacing` × `rowSpacing` pixels; the figure is as large as what it draws.
/// Forward arrows are drawn in the text colour, backward ones dashed in the
/// palette's vermilion, their labels on the opposite side of the pair.
public struct Diagram: Figure {
    public enum Shape: Sendable, Equatable {
        /// A rounded rectangle around the label: an operation.
        case box
        /// A circle around the label.
        case circle
        /// The label alone: an input, a parameter, a result.
        case plain
    }

    public struct Node: Sendable, Equatable {
        public var label: String
        public var column: Double
        public var row: Double
        public var shape: Shape
    }

    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var forward: String?
        public var backward: String?
        /// Draw the backward arrow even without a label.
        public var hasBackward: Bool
    }

    public var title: String?
    public var columnSpacing: Double
    public var rowSpacing: Double
    public var id: String?
    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []

    public init(title: String? = nil, columnSpacing: Double = 140, rowSpacing: Double = 90, id: String? = nil) {
        self.title = title
        self.columnSpacing = columnSpacing
        self.rowSpacing = rowSpacing
        self.id = id
    }

    /// Adds a node and returns its index, for `connect`.
    @discardableResult
    public mutating func node(_ label: String, column: Double, row: Double, shape: Shape = .box) -> Int {
        nodes.append(Node(label: label, column: column, row: row, shape: shape))
        return nodes.count - 1
    }

    /// An arrow from node `from` to node `to`, labelled `forward`; with `backward`
    /// (or `backwardArrow: true`) a second arrow runs back beside it.
    public mutating func connect(
        _ from: Int, _ to: Int, forward: String? = nil, backward: String? = nil,
        backwardArrow: Bool = false
    ) {
        edges.append(
            Edge(
                from: from, to: to, forward: forward, backward: backward,
                hasBackward: backwardArrow || backward != nil))
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }

    public var width: Double { (try? layout())?.size.width ?? 100 }
    public var height: Double { (try? layout())?.size.height ?? 60 }
}

// MARK: - Layout

extension Diagram {
    static let fontSize = 13.0
    static let labelSize = 12.0
    static let boxHeight = 30.0
    /// Distance between a forward arrow and its backward twin.
    static let pairGap = 8.0
    static let margin = 8.0

    /// A node placed in pixels: its centre and the half-extents of its outline.
    struct PlacedNode {
        var x: Double, y: Double, halfWidth: Double, halfHeight: Double
        var shape: Shape
    }

    struct PlacedLabel {
        var text: String
        var x: Double, y: Double
        var anchor: Canvas.Anchor
        var backward: Bool
        var box: Rect
    }

    struct PlacedArrow {
        var from: (Double, Double), to: (Double, Double)
        var backward: Bool
    }

    struct Layout {
        var nodes: [PlacedNode]
        var arrows: [PlacedArrow]
        var labels: [PlacedLabel]
        /// Shift every coordinate by this to draw.
        var offset: (x: Double, y: Double)
        var size: (width: Double, height: Double)
    }

    func validate() throws {
        if nodes.isEmpty { throw PlotError.noData(figure: figureName) }
        guard columnSpacing.isFinite, rowSpacing.isFinite, columnSpacing > 0, rowSpacing > 0 else {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "column and row spacing (\(columnSpacing), \(rowSpacing)) must be positive")
        }
        for (k, n) in nodes.enumerated() where !(n.column.isFinite && n.row.isFinite) {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "node \(k) (\"\(n.label)\") is at column \(n.column), row \(n.row); both must be finite")
        }
        for (k, e) in edges.enumerated() {
            guard nodes.indices.contains(e.from), nodes.indices.contains(e.to) else {
                throw PlotError.invalidArgument(
                    figure: figureName,
                    message: "arrow \(k) joins nodes \(e.from) and \(e.to), but there are \(nodes.count) nodes (0..<\(nodes.count))")
            }
            if e.from == e.to || (nodes[e.from].column == nodes[e.to].column && nodes[e.from].row == nodes[e.to].row) {
                throw PlotError.invalidArgument(
                    figure: figureName,
                    message: "arrow \(k) joins \"\(nodes[e.from].label)\" to a node at the same place")
            }
        }
    }

    func layout() throws -> Layout {
        try validate()
        let placed = nodes.map { n -> PlacedNode in
            let w = TextMetrics.width(n.label, size: Diagram.fontSize)
            let x = n.column * columnSpacing, y = n.row * rowSpacing
            switch n.shape {
            case .box: return PlacedNode(x: x, y: y, halfWidth: max(w + 22, 56) / 2, halfHeight: Diagram.boxHeight / 2, shape: .box)
            case .circle:
                let r = max(w / 2 + 9, 17)
                return PlacedNode(x: x, y: y, halfWidth: r, halfHeight: r, shape: .circle)
            case .plain: return PlacedNode(x: x, y: y, halfWidth: w / 2 + 5, halfHeight: Diagram.fontSize * 0.7, shape: .plain)
            }
        }
        var arrows: [PlacedArrow] = [], labels: [PlacedLabel] = []
        for e in edges {
            let a = placed[e.from], b = placed[e.to]
            var dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            dx /= length
            dy /= length
            // The normal on the forward side: up for an arrow pointing right.
            let nx = dy, ny = -dx
            let gap = e.hasBackward ? Diagram.pairGap / 2 : 0
            let start = Diagram.boundary(a, towards: (dx, dy)), end = Diagram.boundary(b, towards: (-dx, -dy))
            func shifted(_ p: (Double, Double), _ s: Double) -> (Double, Double) { (p.0 + nx * s, p.1 + ny * s) }
            arrows.append(PlacedArrow(from: shifted(start, gap), to: shifted(end, gap), backward: false))
            if e.hasBackward {
                arrows.append(PlacedArrow(from: shifted(end, -gap), to: shifted(start, -gap), backward: true))
            }
            let mid = ((start.0 + end.0) / 2, (start.1 + end.1) / 2)
            for (text, side, backward) in [(e.forward, 1.0, false), (e.backward, -1.0, true)] {
                guard let text, !text.isEmpty else { continue }
                labels.append(
                    Diagram.label(
                        text, at: mid, normal: (nx * side, ny * side), clearance: gap + 5,
                        backward: backward))
            }
        }
        // Everything drawn, to size the figure around it.
        var boxes = placed.map { Rect(x: $0.x - $0.halfWidth, y: $0.y - $0.halfHeight, width: 2 * $0.halfWidth, height: 2 * $0.halfHeight) }
        boxes += labels.map(\.box)
        let minX = boxes.map(\.x).min()!, maxX = boxes.map(\.maxX).max()!
        let minY = boxes.map(\.y).min()!, maxY = boxes.map(\.maxY).max()!
        let titleSpace = title != nil ? 30.0 : 0
        var width = maxX - minX + 2 * Diagram.margin
        if let title { width = max(width, TextMetrics.width(title, size: 14) + 24) }
        let offsetX = Diagram.margin - minX + (width - (maxX - minX + 2 * Diagram.margin)) / 2
        return Layout(
            nodes: placed, arrows: arrows, labels: labels,
            offset: (offsetX, Diagram.margin + titleSpace - minY),
            size: (width, maxY - minY + 2 * Diagram.margin + titleSpace))
    }

    /// Where a ray from the node's centre in direction `d` leaves its outline.
    static func boundary(_ n: PlacedNode, towards d: (Double, Double)) -> (Double, Double) {
        let pad = 3.0
        switch n.shape {
        case .circle:
            return (n.x + d.0 * (n.halfWidth + pad), n.y + d.1 * (n.halfHeight + pad))
        case .box, .plain:
            let tx = abs(d.0) > 1e-12 ? (n.halfWidth + pad) / abs(d.0) : .infinity
            let ty = abs(d.1) > 1e-12 ? (n.halfHeight + pad) / abs(d.1) : .infinity
            let t = min(tx, ty)
            return (n.x + d.0 * t, n.y + d.1 * t)
        }
    }

    /// A label beside the middle of an arrow, on the side `normal` points to.
    static func label(
        _ text: String, at mid: (Double, Double), normal: (Double, Double), clearance: Double,
        backward: Bool
    ) -> PlacedLabel {
        let w = TextMetrics.width(text, size: labelSize), h = labelSize
        if abs(normal.1) >= abs(normal.0) {
            // A mostly horizontal arrow: the label above or below, centred.
            let above = normal.1 < 0
            let baseline = above ? mid.1 - clearance - 3 : mid.1 + clearance + h
            return PlacedLabel(
                text: text, x: mid.0, y: baseline, anchor: .middle, backward: backward,
                box: Rect(x: mid.0 - w / 2, y: baseline - h, width: w, height: h * 1.25))
        }
        // A mostly vertical arrow: the label to its left or right, centred on it.
        let right = normal.0 > 0
        let x = right ? mid.0 + clearance + 2 : mid.0 - clearance - 2
        let baseline = mid.1 + h * 0.35
        return PlacedLabel(
            text: text, x: x, y: baseline, anchor: right ? .start : .end, backward: backward,
            box: Rect(x: right ? x : x - w, y: baseline - h, width: w, height: h * 1.25))
    }
}

// MARK: - Drawing

extension Diagram: Panel {
    var kind: String { "diagram" }

    func summary() -> String {
        var s = "Diagram of \(nodes.count) nodes"
        let arrows = edges.compactMap { e -> String? in
            guard nodes.indices.contains(e.from), nodes.indices.contains(e.to) else { return nil }
            var a = "\(nodes[e.from].label) → \(nodes[e.to].label)"
            if let f = e.forward { a += " (\(f))" }
            if e.hasBackward { a += ", back" + (e.backward.map { " (\($0))" } ?? "") }
            return a
        }
        if !arrows.isEmpty { s += ": " + arrows.joined(separator: "; ") }
        return s + "."
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        let layout = try layout()
        // Fit into the frame when a grid gives less room than the natural size.
        let fit = min(1, frame.width / layout.size.width, frame.height / layout.size.height)
        let left = frame.x + (frame.width - layout.size.width * fit) / 2
        let top = frame.y + (frame.height - layout.size.height * fit) / 2
        func px(_ x: Double) -> Double { left + (x + layout.offset.x) * fit }
        func py(_ y: Double) -> Double { top + (y + layout.offset.y) * fit }
        if let title {
            canvas.title(title, centerX: frame.x + frame.width / 2, y: top + 20 * fit, size: 14 * fit, frame: frame)
        }
        let back = PlotColor.palette(3)
        canvas.addStyle("#\(Canvas.idToken) .bw text{fill:\(Palette.light[3])}")
        for (k, n) in layout.nodes.enumerated() {
            let x = px(n.x), y = py(n.y), hw = n.halfWidth * fit, hh = n.halfHeight * fit
            switch n.shape {
            case .box:
                canvas.raw(
                    "<rect x=\"\(SVG.num(x - hw))\" y=\"\(SVG.num(y - hh))\" width=\"\(SVG.num(2 * hw))\" "
                        + "height=\"\(SVG.num(2 * hh))\" rx=\"6\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.3\"/>")
            case .circle:
                canvas.raw(
                    "<circle cx=\"\(SVG.num(x))\" cy=\"\(SVG.num(y))\" r=\"\(SVG.num(hw))\" "
                        + "fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.3\"/>")
            case .plain: break
            }
            canvas.text(nodes[k].label, x: x, y: y, anchor: .middle, size: Diagram.fontSize * fit, baseline: .middle)
        }
        for arrow in layout.arrows {
            let (x1, y1) = (px(arrow.from.0), py(arrow.from.1)), (x2, y2) = (px(arrow.to.0), py(arrow.to.1))
            let length = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot()
            guard length > 1 else { continue }
            let ux = (x2 - x1) / length, uy = (y2 - y1) / length
            let head = min(8 * fit, length / 2), wing = head * 0.45
            // The shaft stops where the head begins, so a dashed line ends cleanly.
            let shaftEnd = (x2 - ux * head, y2 - uy * head)
            let color = arrow.backward ? back : .foreground
            let dash = arrow.backward ? " stroke-dasharray=\"5 3\"" : ""
            canvas.path(
                "M\(SVG.num(x1)) \(SVG.num(y1))L\(SVG.num(shaftEnd.0)) \(SVG.num(shaftEnd.1))",
                attributes: "\(color.attributes(stroke: true)) fill=\"none\" stroke-width=\"1.3\"\(dash)")
            let h =
                "M\(SVG.num(x2)) \(SVG.num(y2))"
                + "L\(SVG.num(shaftEnd.0 - uy * wing)) \(SVG.num(shaftEnd.1 + ux * wing))"
                + "L\(SVG.num(shaftEnd.0 + uy * wing)) \(SVG.num(shaftEnd.1 - ux * wing))Z"
            canvas.path(h, attributes: color.attributes(stroke: false))
        }
        for backward in [false, true] {
            let group = layout.labels.filter { $0.backward == backward }
            guard !group.isEmpty else { continue }
            if backward { canvas.raw("<g class=\"bw\">") }
            for l in group {
                canvas.text(l.text, x: px(l.x), y: py(l.y), anchor: l.anchor, size: Diagram.labelSize * fit)
            }
            if backward { canvas.raw("</g>") }
        }
    }
}
