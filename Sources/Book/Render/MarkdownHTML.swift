/// Renders a chapter's Markdown tree as body HTML: prose escaped, math restored as
/// `<span class="math math-inline">` / `<div class="math math-display">`, headings with
/// the ids `Chapter.parse` gave them, links to `other.md` turned into `other.html`. Run
/// blocks are rendered by the caller through `runBlock`.
///
/// For the whole book on one page (`idPrefix` set, see `PageOptions.wholeBook`), every
/// id gets the prefix and links between pages become links within the one page.
///
/// The same walk collects the page's text for search, section by section (a `##` or
/// deeper heading opens a section), and the links and ids the page has, so nothing
/// reads the HTML back.
struct MarkdownHTML {
    var chapter: Chapter
    /// Run block `index` as rendered; nil shows its code only.
    var runBlock: (_ index: Int) -> RenderedBlock?
    /// Put before every id and same-page link (`03-x/`); empty on a chapter's own page.
    var idPrefix = ""
    /// Leave out the first `#` heading (the print book's introduction has a title of its own).
    var dropsTitle = false

    private var html = ""
    private var search = SearchText()
    /// Every link's target (`href` or `src`) and every element id, in page order.
    private(set) var links: [String] = []
    private(set) var anchors: [String] = []

    init(_ chapter: Chapter, runBlock: @escaping (Int) -> RenderedBlock? = { _ in nil }) {
        self.chapter = chapter
        self.runBlock = runBlock
    }

    /// The body HTML, and the page's text for search by section.
    mutating func render() -> (html: String, search: [SearchSection]) {
        html = ""
        search = SearchText()
        links = []
        anchors = []
        render(chapter.document)
        return (html, search.finish())
    }

    private var math: ProtectedMarkdown { chapter.math }

    /// A block quote that opens with bold text ending in `.` or `:` is a callout box,
    /// titled by that text: `> **Swift note.** …`, `> **The notes say:** …`. Returns the
    /// title without its final mark.
    static func calloutLabel(of quote: MarkdownNode, math: ProtectedMarkdown) -> String? {
        guard let paragraph = quote.children.first, case .paragraph = paragraph.kind,
            let first = paragraph.children.first, case .strong = first.kind
        else { return nil }
        let text = math.restored(first.plainText).trimmingCharacters(in: .whitespaces)
        guard let last = text.last, last == "." || last == ":", text.count > 1 else { return nil }
        return String(text.dropLast())
    }

    private mutating func render(_ node: MarkdownNode, tight: Bool = false) {
        func children(tight: Bool = false) {
            for child in node.children { render(child, tight: tight) }
        }
        switch node.kind {
        case .document, .custom:
            children()
        case .blockQuote:
            if let label = Self.calloutLabel(of: node, math: math) {
                html += "<aside class=\"callout callout-\(HTML.escape(Heading.slug(label)))\" role=\"note\">\n"
                children()
                html += "</aside>\n"
            } else {
                html += "<blockquote>\n"
                children()
                html += "</blockquote>\n"
            }
        case .list(let ordered, let start, let isTight):
            if ordered {
                html += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                html += "<ul>\n"
            }
            children(tight: isTight)
            html += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            html += "<li>"
            for child in node.children {
                if tight, case .paragraph = child.kind {
                    for inline in child.children { render(inline) }
                } else {
                    render(child)
                }
            }
            html += "</li>\n"
        case .paragraph:
            // A paragraph that is only display math becomes the math block itself.
            if node.children.count == 1, case .text(let text) = node.children[0].kind,
                case let pieces = math.pieces(of: text.trimmingSpaces), pieces.count == 1,
                case .math(let span) = pieces[0], span.display
            {
                html += "<div class=\"math math-display\">\(HTML.escape(span.tex))</div>\n"
                return
            }
            html += "<p>"
            children()
            html += "</p>\n"
            search.add(" ")
        case .heading(let level, let index):
            var heading =
                chapter.headings.indices.contains(index)
                ? chapter.headings[index] : Heading(level: level, id: "", title: math.restored(node.plainText))
            if dropsTitle, level == 1, chapter.headings.firstIndex(where: { $0.level == 1 }) == index { return }
            heading.id = idPrefix + heading.id
            if level >= 2 { search.startSection(id: heading.id, title: heading.title) }
            anchors.append(heading.id)
            html += "<h\(level) id=\"\(HTML.escape(heading.id))\">"
            search.mute(true)
            children()
            search.mute(false)
            html += "</h\(level)>\n"
        case .thematicBreak:
            html += "<hr>\n"
        case .runBlock(let index):
            if let block = runBlock(index) {
                html += block.html
                search.add(block.text)
                anchors += block.anchors
            } else if chapter.blocks.indices.contains(index) {
                codeHTML(language: "swift", chapter.blocks[index].code)
            }
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            codeHTML(language: language, math.restored(literal))
        case .htmlBlock(let raw):
            // Raw HTML is shown as text, never passed through.
            let text = math.restored(raw)
            html += "<pre class=\"raw-html\">\(HTML.escape(text))</pre>\n"
            search.add(text)
        case .text(let text):
            for piece in math.pieces(of: text) {
                switch piece {
                case .literal(let s):
                    html += HTML.escape(s)
                    search.add(s)
                case .math(let span):
                    let cls = span.display ? "math math-display" : "math math-inline"
                    html += "<span class=\"\(cls)\">\(HTML.escape(span.tex))</span>"
                    // Inline math reads as words in search (`\eta` is `eta`); display math not at all.
                    if !span.display { search.add(SearchText.readableTeX(span.tex)) }
                }
            }
        case .softBreak:
            html += "\n"
            search.add(" ")
        case .lineBreak:
            html += "<br>\n"
            search.add(" ")
        case .code(let code):
            let restored = math.restored(code)
            html += "<code>\(HTML.escape(restored))</code>"
            search.add(restored)
        case .htmlInline(let raw):
            html += HTML.escape(raw)
            search.add(raw)
        case .emphasis:
            html += "<em>"
            children()
            html += "</em>"
        case .strong:
            html += "<strong>"
            children()
            html += "</strong>"
        case .link(let url, let title):
            // A URL that could run script is made empty (`URLSafety`).
            let page = idPrefix.isEmpty ? Self.pageURL(url) : Self.onePageURL(url, prefix: idPrefix)
            let href = URLSafety.safe(page)
            links.append(href)
            html += "<a href=\"\(HTML.escape(href))\""
            if !title.isEmpty { html += " title=\"\(HTML.escape(title))\"" }
            html += ">"
            children()
            html += "</a>"
        case .image(let url, let title):
            let src = URLSafety.safe(url)
            links.append(src)
            html += "<img src=\"\(HTML.escape(src))\" alt=\"\(HTML.escape(math.restored(node.plainText)))\""
            if !title.isEmpty { html += " title=\"\(HTML.escape(title))\"" }
            html += ">"
        }
    }

    private mutating func codeHTML(language: String, _ code: String) {
        let cls = language.isEmpty ? "" : " class=\"language-\(HTML.escape(language))\""
        html += "<pre class=\"code\"><code\(cls)>\(HTML.escape(code))</code></pre>\n"
        search.add(code)
    }

    /// `03-x.md#sec` → `03-x.html#sec` for links between chapters; other URLs unchanged.
    static func pageURL(_ url: String) -> String {
        guard !url.contains("://"), !url.hasPrefix("//"), !url.hasPrefix("mailto:") else { return url }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = parts.first, path.hasSuffix(".md") else { return url }
        let page = path.dropLast(3) + ".html"
        return parts.count > 1 ? page + "#" + parts[1] : String(page)
    }

    /// Where a link leads when the whole book is one page whose ids carry their page's
    /// prefix: `#sec` → `#PREFIXsec`, `05-y.md#adam` and `05-y.html#adam` → `#05-y/adam`,
    /// `05-y.md` → `#05-y` (the chapter itself), `index.html` → `#index`. Links out of
    /// the book, and to files that are not pages, are unchanged.
    static func onePageURL(_ url: String, prefix: String) -> String {
        let link = pageURL(url)
        if link.hasPrefix("#") { return "#" + prefix + link.dropFirst() }
        guard !link.contains(":"), !link.hasPrefix("//") else { return link }
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".html"), !path.contains("/"), !path.contains("?") else { return link }
        // The browser undoes percent-encoding in the whole fragment, as on the pages.
        let slug = path.dropLast(5)
        guard parts.count > 1, !parts[1].isEmpty else { return "#" + slug }
        return "#" + slug + "/" + parts[1]
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
