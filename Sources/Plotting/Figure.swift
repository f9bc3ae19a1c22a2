/// A figure that can be written as a standalone SVG document.
///
/// Every kind of chart in this module is a `Figure`: build it, add data, call `svg()`.
/// A `SubplotGrid` arranges several figures into one.
public protocol Figure: Sendable {
    /// Shown above the figure and used as its accessible name.
    var title: String? { get }
    /// Width and height in CSS pixels at 100 %; the SVG scales to any size.
    var width: Double { get }
    var height: Double { get }
    /// A prefix for the element ids inside the SVG (clip paths). Figures inlined into
    /// one page need different ids; when `nil`, one is derived from the content.
    var id: String? { get }
    /// The figure as a standalone SVG document. Throws `PlotError` on data it cannot draw.
    func svg() throws -> String
    /// The same document with `id` (when not `nil`) as the prefix of its element ids
    /// instead of `self.id`: a page that numbers its figures can make every id unique.
    func svg(id: String?) throws -> String
}

extension Figure {
    /// The SVG document (as `svg(id:)`) and the words drawn in it, each once: the title,
    /// axis labels, legend entries, category and image labels, not the numbers on ticks.
    /// Each word is the whole text of one or more `<text>` elements, so a book in another
    /// language can translate the figure without drawing it again. `texts` is nil for a
    /// figure of another module, whose words are not known.
    public func svgAndTexts(id: String?) throws -> (svg: String, texts: [String]?) {
        if let panel = self as? any Panel {
            let drawn = try panel.renderDocumentAndWords(id: id)
            return (drawn.svg, drawn.words)
        }
        return (try svg(id: id), nil)
    }
}

/// Estimated widths of text for layout without a font engine (what the figures of this
/// module are laid out with): for a book that puts other words into a drawn figure.
public enum TextWidth {
    public static func estimate(_ text: String, size: Double) -> Double { TextMetrics.width(text, size: size) }
}

/// What every figure in this module knows how to do: draw itself into part of a
/// canvas. `SubplotGrid` relies on it to place figures side by side.
protocol Panel: Figure {
    /// The figure's kind in words, for messages and accessible descriptions ("line chart").
    var kind: String { get }
    /// A sentence describing the content for screen readers.
    func summary() -> String
    /// Finite data extents, for sharing axes between subplots (`nil`: no shareable axes).
    func dataExtent() throws -> DataExtent?
    /// Legend entries, for a legend shared by a grid of subplots.
    func legendItems() -> [LegendItem]
    /// The x and y axes of a chart with axes (`nil` for image grids and heat maps).
    var axes: (x: Axis, y: Axis)? { get }
    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws
}

extension Panel {
    func dataExtent() throws -> DataExtent? { nil }
    func legendItems() -> [LegendItem] { [] }
    var axes: (x: Axis, y: Axis)? { nil }
    /// The name used in error messages: the title when there is one.
    var figureName: String { title.map { "\(kind) \"\($0)\"" } ?? kind }

    func renderDocument(id overrideId: String? = nil) throws -> String {
        try renderDocumentAndWords(id: overrideId).svg
    }

    func renderDocumentAndWords(id overrideId: String? = nil) throws -> (svg: String, words: [String]) {
        guard width.isFinite, height.isFinite, width >= 1, height >= 1, width <= 100_000, height <= 100_000 else {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "figure size \(width) × \(height) must be between 1 and 100,000 pixels")
        }
        var canvas = Canvas()
        try render(
            into: &canvas, frame: Rect(x: 0, y: 0, width: width, height: height),
            options: PanelOptions())
        return (
            canvas.document(
                width: width, height: height, title: title ?? kind.capitalizedFirst,
                description: summary(), id: overrideId ?? id), canvas.words
        )
    }
}

/// The finite extent of a panel's data on its two axes.
struct DataExtent {
    var x: ClosedRange<Double>?
    var y: ClosedRange<Double>?
}

/// How a panel is drawn inside a grid of subplots.
struct PanelOptions {
    var xLimits: ClosedRange<Double>?
    var yLimits: ClosedRange<Double>?
    var showXTickLabels = true
    var showYTickLabels = true
    var showXLabel = true
    var showYLabel = true
    var showLegend = true
    /// Whether this is a subplot (smaller title, tighter margins).
    var isSubplot = false
    /// A fixed left margin, so plot areas line up down a column of subplots.
    var leftMargin: Double?
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
