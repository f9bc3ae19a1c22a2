/// Renders a chapter's Markdown tree as body HTML: prose escaped, math restored as
/// `<span class="math math-inline">` / `<div class="math math-display">`, headings with
/// unique ids, links to `other.md` turned into `other.html`. Run blocks are rendered by
/// the caller through `runBlock`.
struct MarkdownHTML {
    var math: ProtectedMarkdown
    /// HTML for the run block with this fence line, or nil for a shown-only code block.
    var runBlock: (_ fenceLine: Int) -> String?

    private(set) var sections: [ChapterPage.Section] = []
    private var usedIDs: Set<String> = []
    private var searchText = ""

    init(math: ProtectedMarkdown, reservedIDs: Set<String> = [], runBlock: @escaping (Int) -> String?) {
        self.math = math
        self.runBlock = runBlock
        self.usedIDs = reservedIDs
    }

    /// The body HTML, and the page's plain text for search.
    mutating func render(_ document: MarkdownNode) -> (html: String, text: String) {
        var out = ""
        render(document, into: &out)
        return (out, searchText)
    }

    private mutating func render(_ node: MarkdownNode, into out: inout String, tight: Bool = false) {
        func children(tight: Bool = false) {
            for child in node.children { render(child, into: &out, tight: tight) }
        }
        switch node.kind {
        case .document, .custom:
            children()
        case .blockQuote:
            out += "<blockquote>\n"; children(); out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight):
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            for child in node.children { render(child, into: &out, tight: isTight) }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            out += "<li>"
            for child in node.children {
                if tight, case .paragraph = child.kind {
                    for inline in child.children { render(inline, into: &out) }
                } else {
                    render(child, into: &out)
                }
            }
            out += "</li>\n"
        case .paragraph:
            // A paragraph that is only display math becomes the math block itself.
            if node.children.count == 1, case .text(let text) = node.children[0].kind,
               case let pieces = math.pieces(of: text.trimmingSpaces), pieces.count == 1,
               case .math(let span) = pieces[0], span.display {
                out += "<div class=\"math math-display\">\(escapeHTML(span.tex))</div>\n"
                searchText += span.tex + "\n"
                return
            }
            out += "<p>"; children(); out += "</p>\n"
            searchText += "\n"
        case .heading(let level):
            let title = math.restored(node.plainText)
            let id = uniqueID(slug(title))
            if level >= 2 { sections.append(.init(level: level, id: id, title: title)) }
            out += "<h\(level) id=\"\(escapeHTML(id))\">"; children(); out += "</h\(level)>\n"
            searchText += "\n" + title + "\n"
        case .thematicBreak:
            out += "<hr>\n"
        case .codeBlock(let info, let literal):
            if let html = runBlock(node.line) {
                out += html
            } else {
                let language = info.split(separator: " ").first.map(String.init) ?? ""
                let cls = language.isEmpty ? "" : " class=\"language-\(escapeHTML(language))\""
                out += "<pre class=\"code\"><code\(cls)>\(escapeHTML(math.restored(literal)))</code></pre>\n"
            }
            searchText += math.restored(literal) + "\n"
        case .htmlBlock(let html):
            // Raw HTML is shown as text, never passed through.
            out += "<pre class=\"raw-html\">\(escapeHTML(html))</pre>\n"
        case .text(let text):
            for piece in math.pieces(of: text) {
                switch piece {
                case .literal(let s):
                    out += escapeHTML(s); searchText += s
                case .math(let span):
                    let cls = span.display ? "math math-display" : "math math-inline"
                    out += "<span class=\"\(cls)\">\(escapeHTML(span.tex))</span>"
                    searchText += span.tex
                }
            }
        case .softBreak:
            out += "\n"; searchText += " "
        case .lineBreak:
            out += "<br>\n"; searchText += " "
        case .code(let code):
            let restored = math.restored(code)
            out += "<code>\(escapeHTML(restored))</code>"; searchText += restored
        case .htmlInline(let html):
            out += escapeHTML(html)
        case .emphasis:
            out += "<em>"; children(); out += "</em>"
        case .strong:
            out += "<strong>"; children(); out += "</strong>"
        case .link(let url, let title):
            out += "<a href=\"\(escapeHTML(URLSafety.safe(Self.pageURL(url))))\""
            if !title.isEmpty { out += " title=\"\(escapeHTML(title))\"" }
            out += ">"; children(); out += "</a>"
        case .image(let url, let title):
            out += "<img src=\"\(escapeHTML(URLSafety.safe(url)))\" alt=\"\(escapeHTML(math.restored(node.plainText)))\""
            if !title.isEmpty { out += " title=\"\(escapeHTML(title))\"" }
            out += ">"
        }
    }

    /// `03-x.md#sec` → `03-x.html#sec` for links between chapters; other URLs unchanged.
    static func pageURL(_ url: String) -> String {
        guard !url.contains("://"), !url.hasPrefix("//"), !url.hasPrefix("mailto:") else { return url }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = parts.first, path.hasSuffix(".md") else { return url }
        let page = path.dropLast(3) + ".html"
        return parts.count > 1 ? page + "#" + parts[1] : String(page)
    }

    private mutating func uniqueID(_ base: String) -> String {
        var id = base.isEmpty ? "section" : base
        var n = 2
        while usedIDs.contains(id) { id = "\(base.isEmpty ? "section" : base)-\(n)"; n += 1 }
        usedIDs.insert(id)
        return id
    }
}

/// A heading's id: lower-case letters and digits (any script), words joined by `-`.
func slug(_ title: String) -> String {
    var out = ""
    var pendingDash = false
    for ch in title.lowercased() {
        if ch.isLetter || ch.isNumber {
            if pendingDash, !out.isEmpty { out.append("-") }
            pendingDash = false
            out.append(ch)
        } else if ch == " " || ch == "-" || ch == "_" {
            pendingDash = true
        }
    }
    return out
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
