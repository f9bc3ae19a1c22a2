/// The body of an SVG document under construction, and the document around it.
struct Canvas {
    /// Stands for the figure's id until the body is complete: the id may be derived
    /// from the body's content, and ids of clip paths must include it.
    static let idToken = "\u{1A}"
    private(set) var body = ""
    private var clipCount = 0
    /// Style rules of this figure alone, scoped by its id (written with `idToken`).
    private(set) var style = ""
    /// The words drawn (titles, axis labels, legend entries, category names), each once in
    /// the order drawn; numbers on ticks are left out. An edition in another language
    /// translates exactly these `<text>` elements.
    private(set) var words: [String] = []

    mutating func addWord(_ s: String) {
        if !s.isEmpty, !words.contains(s) { words.append(s) }
    }

    mutating func addStyle(_ css: String) { style += css }

    mutating func raw(_ s: String) { body += s }

    /// A fresh id for a clip path, unique within the figure.
    mutating func newId(_ stem: String) -> String {
        clipCount += 1
        return "\(Canvas.idToken)-\(stem)\(clipCount)"
    }

    mutating func clipRect(_ r: Rect) -> String {
        let id = newId("c")
        body +=
            "<clipPath id=\"\(id)\"><rect x=\"\(SVG.num(r.x))\" y=\"\(SVG.num(r.y))\" "
            + "width=\"\(SVG.num(r.width))\" height=\"\(SVG.num(r.height))\"/></clipPath>"
        return id
    }

    enum Anchor: String { case start, middle, end }

    /// Text at (x, y). `baseline` shifts y so the text is centred (`.middle`) or hangs
    /// below (`.hanging`) without relying on dominant-baseline, which renderers treat
    /// differently.
    mutating func text(
        _ s: String, x: Double, y: Double, anchor: Anchor = .start,
        size: Double? = nil, className: String? = nil,
        baseline: Baseline = .alphabetic, rotate: Bool = false, bold: Bool = false,
        isNumber: Bool = false
    ) {
        if !isNumber { addWord(s) }
        let fontSize = size ?? 12
        let dy: Double
        switch baseline {
        case .alphabetic: dy = 0
        case .middle: dy = fontSize * 0.35
        case .hanging: dy = fontSize * 0.8
        }
        var attrs = ""
        if rotate {
            // Rotated about its anchor point, reading bottom to top.
            attrs += " transform=\"rotate(-90 \(SVG.num(x)) \(SVG.num(y)))\""
        }
        var a = "<text x=\"\(SVG.num(x))\" y=\"\(SVG.num(y + dy))\""
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        if let className { a += " class=\"\(className)\"" }
        if size != nil { a += " font-size=\"\(SVG.num(fontSize))\"" }
        if bold { a += " font-weight=\"600\"" }
        body += a + attrs + ">" + SVG.escape(s) + "</text>"
    }

    enum Baseline { case alphabetic, middle, hanging }

    /// A bold title centred on `centerX` where it fits inside `frame`: shifted to stay
    /// within the frame, and set smaller when it is wider than the frame.
    mutating func title(_ s: String, centerX: Double, y: Double, size: Double, frame: Rect) {
        let natural = TextMetrics.width(s, size: size) * 1.04  // bold is a little wider
        let fitted = natural > frame.width - 8 ? max(8, size * (frame.width - 8) / natural) : size
        let w = natural * fitted / size
        let x = min(max(centerX, frame.x + 4 + w / 2), frame.maxX - 4 - w / 2)
        text(s, x: x, y: y, anchor: .middle, size: fitted, bold: true)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) {
        body += "<path class=\"\(className)\" d=\"M\(SVG.num(x1)) \(SVG.num(y1))"
        if y1 == y2 {
            body += "H\(SVG.num(x2))\"/>"
        } else if x1 == x2 {
            body += "V\(SVG.num(y2))\"/>"
        } else {
            body += "L\(SVG.num(x2)) \(SVG.num(y2))\"/>"
        }
    }

    mutating func path(_ d: String, attributes: String) {
        guard !d.isEmpty else { return }
        body += "<path \(attributes) d=\"\(d)\"/>"
    }

    mutating func rect(_ r: Rect, attributes: String) {
        body +=
            "<rect x=\"\(SVG.num(r.x))\" y=\"\(SVG.num(r.y))\" width=\"\(SVG.num(r.width))\" "
            + "height=\"\(SVG.num(r.height))\" \(attributes)/>"
    }

    /// The complete, standalone SVG document around the body.
    func document(
        width: Double, height: Double, title: String, description: String,
        id: String?
    ) -> String {
        let figureId = id.map(Canvas.sanitize) ?? Canvas.contentId(body + style + title + description)
        let w = SVG.num(width), h = SVG.num(height)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plt\" id=\"\(figureId)\" "
        s += "width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" "
        s += "aria-labelledby=\"\(figureId)-title \(figureId)-desc\" font-size=\"12\">"
        s += "<title id=\"\(figureId)-title\">\(SVG.escape(title))</title>"
        s += "<desc id=\"\(figureId)-desc\">\(SVG.escape(description))</desc>"
        s += "<style>\(Canvas.styleSheet)\(style.replacingOccurrences(of: Canvas.idToken, with: figureId))</style>"
        s += body.replacingOccurrences(of: Canvas.idToken, with: figureId)
        s += "</svg>\n"
        return s
    }

    /// Keeps letters, digits, "-" and "_", and makes sure the id starts with a letter.
    static func sanitize(_ id: String) -> String {
        var out = String(
            id.unicodeScalars.filter {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_"
            }.map(Character.init))
        if out.first.map({ !$0.isLetter }) ?? true { out = "fig-" + out }
        return out
    }

    /// "plt-" and 12 hex digits of the FNV-1a hash of the content: the same figure
    /// gets the same id on every run, different figures on one page different ids.
    static func contentId(_ content: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in content.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "plt-" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex.prefix(12)
    }

    /// Text, axes and ticks use `currentColor`, so a page's text colour carries into
    /// inlined figures; the variables let a page's theme set the colours explicitly.
    /// In dark mode series colours switch to lighter variants, and a standalone figure
    /// (where the svg is the root) gets a dark background.
    static let styleSheet: String = {
        var s = ".plt{color:var(--plot-text,#1f1f1f);"
        s += "font-family:system-ui,-apple-system,\"Segoe UI\",\"Noto Sans\",\"Noto Sans CJK KR\","
        s += "\"Apple SD Gothic Neo\",\"Malgun Gothic\",sans-serif}"
        s += ".plt text{fill:currentColor}"
        s += ".plt .ax{stroke:currentColor;fill:none;stroke-width:1}"
        s += ".plt .tk{stroke:currentColor;fill:none;stroke-opacity:.6}"
        s += ".plt .gr{stroke:currentColor;fill:none;stroke-opacity:.12}"
        s += ".plt .lg{fill:var(--plot-bg,#fff);fill-opacity:.85;stroke:currentColor;stroke-opacity:.2}"
        s += ".plt .halo{stroke:var(--plot-bg,#fff);stroke-width:3px;stroke-linejoin:round;paint-order:stroke}"
        s += "@media (prefers-color-scheme:dark){"
        s += ".plt .halo{stroke:var(--plot-bg-dark,#181818)}"
        s += ".plt .ov{fill-opacity:.62}"
        s += ".plt{color:var(--plot-text-dark,#e3e3e3)}"
        s += ".plt:root{background:var(--plot-bg-dark,#181818)}"
        s += ".plt .lg{fill:var(--plot-bg-dark,#181818)}"
        for (i, (light, dark)) in zip(Palette.light, Palette.dark).enumerated() where light != dark {
            s += ".plt .s\(i){stroke:\(dark)}.plt .f\(i){fill:\(dark)}"
        }
        s += "}"
        return s
    }()
}
