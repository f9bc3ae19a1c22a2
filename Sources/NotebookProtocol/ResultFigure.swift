/// An SVG figure with its caption, or why it could not be drawn.
public struct ResultFigure: Codable, Sendable, Equatable {
    public var svg: String
    public var caption: String?
    public var id: String?
    /// The plotting error when the figure could not be drawn (then `svg` is empty);
    /// marked on the page and failing `check`, like a failed expectation.
    public var error: String?
    /// Where `figure` was called, as the compiler saw it (`#sourceLocation` maps it to
    /// the chapter's Markdown).
    public var line: Int?
    /// The words drawn in a chart (its title, axis labels, legend entries), each once, as
    /// the SVG's `<text>` elements hold them: what an edition in another language
    /// translates in place. Nil for an SVG drawn by hand.
    public var texts: [String]?

    public init(
        svg: String, caption: String?, id: String?, error: String? = nil, line: Int? = nil,
        texts: [String]? = nil
    ) {
        self.svg = svg
        self.caption = caption
        self.id = id
        self.error = error
        self.line = line
        self.texts = texts
    }
}
