import Foundation
import NotebookProtocol

/// What a page is rendered with besides its chapter and results.
public struct PageOptions: Sendable {
    /// Maps every string the experiments produced — figure and table captions, column
    /// headers and text cells, expectation claims — at render time, for an edition in
    /// another language.
    /// The identity by default.
    public var translate: @Sendable (String) -> String
    /// The words the page itself adds around the results ("Figure 2.", "Code", why a
    /// block did not run): English by default.
    public var chrome: PageChrome
    /// Render the chapter for one page that holds the whole book (the print book,
    /// `print.html`) instead of for its own page: every id the page gives (headings,
    /// blocks, figures, tables) is prefixed with the chapter's slug and `/`
    /// (`03-x/fig-loss`; slugs have no `/`, so ids of different chapters cannot meet),
    /// links between chapters lead within the page (`05-y.md#adam` → `#05-y/adam`), and
    /// figures are SVG images rather than inline SVG, so that the ids inside two
    /// figures cannot collide either.
    public var wholeBook: Bool

    public init(
        translate: @escaping @Sendable (String) -> String = { $0 }, chrome: PageChrome = PageChrome(),
        wholeBook: Bool = false
    ) {
        self.translate = translate
        self.chrome = chrome
        self.wholeBook = wholeBook
    }
}

extension BookSite {
    /// The book's pages for `source`, given a result for each of `source.chapters` (in
    /// the same order; a missing one renders as not run). Runs nothing: cached results
    /// give the pages a fresh build would.
    public init(_ source: BookSource, results: [ChapterResult], options: PageOptions = PageOptions()) {
        // A chapter whose page name is taken fails (in the report) and gets no page.
        let pages = source.chapters.enumerated().filter { source.hasPage($0.element) }.map { index, chapter in
            ChapterPageRenderer.render(
                chapter, result: results.indices.contains(index) ? results[index] : ChapterResult(blocks: []),
                options: options)
        }
        var landing = LandingPage()
        if let chapter = source.landing {
            var renderer = MarkdownHTML(chapter)
            (landing.bodyHTML, landing.search) = renderer.render()
            (landing.links, landing.anchors) = (renderer.links, Set(renderer.anchors))
        }
        self.init(
            title: source.title, landing: landing, chapters: pages,
            print: PrintBook(source, results: results, options: options))
    }
}

/// Assembles a chapter's page from the chapter and its result: its prose, and under
/// each run block the block's results (following the body conventions of
/// `SiteModel.swift`). Figures and tables are numbered per chapter. Runs nothing: a
/// cached result renders the same page as a fresh one.
public enum ChapterPageRenderer {
    public static func render(_ chapter: Chapter, result: ChapterResult, options: PageOptions = PageOptions()) -> ChapterPage {
        let failures = chapter.failures(of: result, translate: options.translate)
        let prefix = options.wholeBook ? chapter.slug + "/" : ""
        var numbers = Numbering()
        var renderer = MarkdownHTML(chapter) { index in
            guard chapter.blocks.indices.contains(index) else { return nil }
            var block = BlockHTML(
                chapter: chapter, block: chapter.blocks[index], result: result.block(index),
                failed: failures.contains { $0.block == index }, translate: options.translate,
                chrome: options.chrome, earlier: result.blocks.prefix(index))
            block.idPrefix = prefix
            block.figuresAsImages = options.wholeBook
            return block.render(numbering: &numbers)
        }
        renderer.idPrefix = prefix
        let (body, search) = renderer.render()
        let sections = chapter.sections.map { Heading(level: $0.level, id: prefix + $0.id, title: $0.title) }
        var page = ChapterPage(
            slug: chapter.slug, title: chapter.title, summary: chapter.summaryHTML,
            sections: sections, bodyHTML: "", search: search, failures: failures)
        page.links = renderer.links
        page.anchors = Set(renderer.anchors)
        // Failures that belong to no block open the page.
        let loose = failures.filter { $0.block == nil }
            .map { "<div class=\"block-error chapter-error\">\(HTML.escape($0.description))</div>\n" }
        page.bodyHTML = loose.joined() + body
        return page
    }

    /// Figure and table numbers, counted through the chapter.
    struct Numbering {
        var figures = 0
        var tables = 0
    }
}

/// A run block as the page shows it.
struct RenderedBlock {
    var html: String
    /// Its words for search.
    var text: String
    /// The ids of its elements: the block's, and its figures' and tables'.
    var anchors: [String]
}

/// One run block on the page: its code (folded when `hide`), then its results in the
/// order they came, its failures where they happened, or why it did not run.
struct BlockHTML {
    let chapter: Chapter
    let block: RunBlock
    let result: BlockResult
    /// Whether the block has any of the chapter's failures.
    let failed: Bool
    let translate: (String) -> String
    let chrome: PageChrome
    /// The results of the blocks before this one, for why it did not run.
    let earlier: ArraySlice<BlockResult>
    /// Put before every id (see `PageOptions.wholeBook`).
    var idPrefix = ""
    /// Figures as `<img>` of their SVG rather than inline SVG (see `PageOptions.wholeBook`).
    var figuresAsImages = false

    private var html = ""
    private var text = ""
    private var anchors: [String] = []

    init(
        chapter: Chapter, block: RunBlock, result: BlockResult, failed: Bool, translate: @escaping (String) -> String,
        chrome: PageChrome = PageChrome(), earlier: ArraySlice<BlockResult> = []
    ) {
        self.chapter = chapter
        self.block = block
        self.result = result
        self.failed = failed
        self.translate = translate
        self.chrome = chrome
        self.earlier = earlier
    }

    mutating func render(numbering: inout ChapterPageRenderer.Numbering) -> RenderedBlock {
        var classes = "block"
        if failed { classes += " failed" }
        if result.status == .notRun { classes += " not-run-block" }
        html = "<section class=\"\(classes)\" id=\"\(HTML.escape(idPrefix + block.anchor))\">\n"
        let code = "<pre class=\"code\"><code class=\"language-swift\">\(HTML.escape(block.code))</code></pre>\n"
        html +=
            block.options.hide
            ? "<details class=\"hidden-code\"><summary>\(HTML.escape(chrome.text("code")))</summary>\n\(code)</details>\n" : code
        add(block.code)
        // A block that printed, drew and checked nothing shows its code alone: no empty box.
        let showsResults = !result.items.isEmpty || !result.failures.isEmpty || result.status == .notRun
        if showsResults { html += "<div class=\"results\">\n" }
        for item in result.items {
            switch item {
            case .text(let printed):
                html += "<pre class=\"output\">\(HTML.escape(printed))</pre>\n"
                add(printed)
            case .note(let note):
                html += "<p class=\"output-note\">\(HTML.escape(note))</p>\n"
                add(note)
            case .table(let table):
                numbering.tables += 1
                tableHTML(table, number: numbering.tables)
            case .figure(let figure, let location):
                numbering.figures += 1
                figureHTML(figure, number: numbering.figures, location: location)
            case .expectation(let outcome, let location):
                expectationHTML(outcome, location: location)
            }
        }
        for failure in result.failures {
            let line = "\(chapter.place(failure.location, inBlock: block.index)): \(failure.message)"
            html += "<div class=\"block-error\">\(HTML.escape(line))</div>\n"
            add(line)
        }
        if result.status == .notRun {
            html += "<div class=\"not-run\">\(HTML.escape(notRunReason))</div>\n"
        }
        if showsResults { html += "</div>\n" }
        html += "</section>\n"
        return RenderedBlock(html: html, text: text, anchors: [idPrefix + block.anchor] + anchors)
    }

    private mutating func add(_ words: String) { text += " " + words }

    /// Why the block did not run, in the page's language: after a block that failed,
    /// where that block failed in this chapter as it is now (the result's own wording
    /// names a line of the run's chapter, which an edition or a prose edit moves).
    private var notRunReason: String {
        let reason = result.notRunReason ?? "did not run"
        if reason.hasPrefix("did not run: block "), let failed = earlier.lastIndex(where: { $0.status == .failed }),
            case let index = failed - earlier.startIndex, chapter.blocks.indices.contains(index)
        {
            let line = chapter.place(earlier[failed].failures.first?.location, inBlock: index).line ?? chapter.blocks[index].codeLine
            return chrome.format("didNotRunAfter", index + 1, line)
        }
        return chrome.translate(
            english: reason,
            among: [
                "didNotRun", "didNotRunErrors", "didNotRunCompile",
                "didNotRunInterrupted", "outOfDate",
            ]) ?? reason
    }

    private mutating func tableHTML(_ table: ResultTable, number: Int) {
        let id = idPrefix + "tab-" + (table.id ?? String(number))
        anchors.append(id)
        let caption = chrome.format("tableNumber", number) + (table.caption.map { " " + translate($0) } ?? "")
        let columns = table.columns.map(translate)
        html += "<table class=\"result-table\" id=\"\(HTML.escape(id))\">\n"
        html += "<caption>\(HTML.escape(caption))</caption>\n"
        html += "<thead><tr>" + columns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        add(caption + " " + columns.joined(separator: " "))
        for row in table.rows {
            html += "<tr>"
            for (j, cell) in row.enumerated() {
                if j < table.numeric.count && table.numeric[j] {
                    html += "<td class=\"num\">\(HTML.escape(cell))</td>"
                    add(cell)
                } else {
                    html += "<td>\(HTML.escape(translate(cell)))</td>"
                    add(translate(cell))
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
    }

    private mutating func figureHTML(_ figure: ResultFigure, number: Int, location: CodeLocation?) {
        let id = idPrefix + "fig-" + (figure.id ?? String(number))
        anchors.append(id)
        let caption = chrome.format("figureNumber", number) + (figure.caption.map { " " + translate($0) } ?? "")
        add(caption)
        if let error = figure.error {
            let line = "\(chapter.place(location, inBlock: block.index)): error: the figure could not be drawn: \(error)"
            html += "<figure class=\"figure failed\" id=\"\(HTML.escape(id))\">\n<div class=\"block-error\">\(HTML.escape(line))</div>\n"
            html += "<figcaption>\(HTML.escape(caption))</figcaption>\n</figure>\n"
            add(line)
            return
        }
        var svg = figure.svg.trimmingSpaces
        if let words = figure.texts { svg = FigureTexts.translate(svg, words: words, translate) }
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg = String(svg[end.upperBound...]).trimmingSpaces }
        // Only an SVG document is inlined, with nothing that could run script or load
        // anything (`SVGSanitizer`); anything else is shown as text.
        let safe = SVGSanitizer.sanitize(svg)
        var content = safe ?? "<pre class=\"output\">\(HTML.escape(figure.svg))</pre>"
        if figuresAsImages, let safe { content = Self.image(svg: safe, alt: caption) }
        html += "<figure class=\"figure\" id=\"\(HTML.escape(id))\">\n\(content)\n<figcaption>\(HTML.escape(caption))</figcaption>\n</figure>\n"
    }

    /// An SVG document as an image: vector still, but a document of its own, so its ids
    /// and style rules stay inside it. An image needs the SVG namespace, which HTML lets
    /// inline SVG leave out.
    static func image(svg: String, alt: String) -> String {
        var document = svg
        if let end = document.firstIndex(of: ">"), !document[..<end].contains("xmlns=") {
            document.insert(contentsOf: " xmlns=\"http://www.w3.org/2000/svg\"", at: document.index(document.startIndex, offsetBy: 4))
        }
        let data = Data(document.utf8).base64EncodedString()
        return "<img class=\"figure-image\" alt=\"\(HTML.escape(alt))\" src=\"data:image/svg+xml;base64,\(data)\">"
    }

    private mutating func expectationHTML(_ outcome: ExpectationOutcome, location: CodeLocation?) {
        let mark = outcome.passed ? "passed\"><span class=\"mark\">✓" : "failed\"><span class=\"mark\">✗"
        html += "<div class=\"expectation \(mark)</span> \(HTML.escape(translate(outcome.claim)))"
        if let detail = outcome.detail { html += " <span class=\"detail\">(\(HTML.escape(detail)))</span>" }
        if !outcome.passed {
            let place = chapter.place(location, inBlock: block.index)
            html += " <span class=\"location\">\(HTML.escape("\(place): \(chrome.text("expectationFailed"))"))</span>"
        }
        html += "</div>\n"
        add((outcome.passed ? "✓ " : "✗ ") + Chapter.claim(outcome, translate: translate))
    }
}
