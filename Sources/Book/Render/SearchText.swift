/// A page's text for the search index, section by section: what the renderer saw, not
/// the HTML it wrote.
public struct SearchSection: Sendable, Equatable {
    /// The heading that opens the section (nil for the text before the first `##`).
    public var id: String?
    public var title: String?
    /// Plain text, runs of white space as one space.
    public var text: String

    public init(id: String?, title: String?, text: String) {
        self.id = id
        self.title = title
        self.text = text
    }
}

/// Collects search text while a page is rendered.
struct SearchText {
    private var sections: [SearchSection] = [SearchSection(id: nil, title: nil, text: "")]
    private var muteDepth = 0

    mutating func add(_ text: String) {
        guard muteDepth == 0 else { return }
        sections[sections.count - 1].text += text
    }

    /// Text added while muted is not searched (a heading's own words are its section's
    /// title).
    mutating func mute(_ on: Bool) { muteDepth += on ? 1 : -1 }

    mutating func startSection(id: String, title: String) {
        add(" ")
        sections.append(SearchSection(id: id, title: title, text: ""))
    }

    /// The sections with their text tidied; the text before the first heading only when
    /// there is some.
    func finish() -> [SearchSection] {
        var result = sections.map { SearchSection(id: $0.id, title: $0.title, text: Self.collapse($0.text)) }
        if result.first?.text.isEmpty == true { result.removeFirst() }
        return result
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `\frac{a}{b} + \eta` → `frac a b + eta`: commands become their names, braces go.
    static func readableTeX(_ tex: String) -> String {
        var out = ""
        var previousWasBackslash = false
        for c in tex {
            if previousWasBackslash {
                previousWasBackslash = false
                if !c.isLetter {
                    out.append(" ")
                    continue
                }
            }
            switch c {
            case "\\":
                previousWasBackslash = true
                out.append(" ")
            case "{", "}": out.append(" ")
            default: out.append(c)
            }
        }
        return collapse(out)
    }
}
