import Notebook

/// Assembles a chapter's page: its prose, and under each run block the block's results
/// (following the body conventions of `SiteModel.swift`). Figures and tables are
/// numbered per chapter.
public enum ChapterPageRenderer {
    public static func render(_ chapter: Chapter, result: ChapterResult) -> ChapterPage {
        var figureNumber = 0
        var tableNumber = 0
        let blocksByLine = Dictionary(uniqueKeysWithValues: chapter.blocks.map { ($0.fenceLine, $0) })
        var reserved: Set<String> = []
        for block in chapter.blocks { reserved.insert(anchor(of: block)) }

        var renderer = MarkdownHTML(math: chapter.math, reservedIDs: reserved) { fenceLine in
            guard let block = blocksByLine[fenceLine] else { return nil }
            let blockResult = result.blocks.indices.contains(block.index)
                ? result.blocks[block.index] : BlockResult(status: .notRun)
            return blockHTML(block, blockResult, chapter: chapter,
                             figureNumber: &figureNumber, tableNumber: &tableNumber)
        }
        var (body, text) = renderer.render(chapter.document)
        if let error = result.chapterError {
            body = "<div class=\"block-error chapter-error\">\(escapeHTML(error))</div>\n" + body
        }
        // Text the blocks printed is searchable too.
        for block in result.blocks {
            for case .text(let printed) in block.items { text += "\n" + printed }
        }
        return ChapterPage(slug: chapter.slug, title: chapter.title, summary: summary(of: chapter),
                           sections: renderer.sections, bodyHTML: body, searchText: text,
                           hasFailures: result.hasFailures)
    }

    static func anchor(of block: RunBlock) -> String { block.options.id ?? "block-\(block.index + 1)" }

    private static func blockHTML(_ block: RunBlock, _ result: BlockResult, chapter: Chapter,
                                  figureNumber: inout Int, tableNumber: inout Int) -> String {
        var classes = "block"
        if result.status == .failed || result.failedChecks > 0 { classes += " failed" }
        if result.status == .notRun { classes += " not-run-block" }
        var out = "<section class=\"\(classes)\" id=\"\(escapeHTML(anchor(of: block)))\">\n"
        let code = "<pre class=\"code\"><code class=\"language-swift\">\(escapeHTML(block.code))</code></pre>\n"
        if block.options.hide {
            out += "<details class=\"hidden-code\"><summary>Code</summary>\n\(code)</details>\n"
        } else {
            out += code
        }
        out += "<div class=\"results\">\n"
        for item in result.items {
            switch item {
            case .text(let text):
                out += "<pre class=\"output\">\(escapeHTML(text))</pre>\n"
            case .note(let note):
                out += "<p class=\"output-note\">\(escapeHTML(note))</p>\n"
            case .table(let table):
                tableNumber += 1
                out += tableHTML(table, number: tableNumber)
            case .figure(let figure):
                figureNumber += 1
                out += figureHTML(figure, number: figureNumber, chapter: chapter)
            case .expectation(let outcome, let location):
                let where_ = location.map { chapter.describe($0) } ?? chapter.path
                if outcome.passed {
                    out += "<div class=\"expectation passed\"><span class=\"mark\">✓</span> \(escapeHTML(outcome.claim))"
                    if let detail = outcome.detail { out += " <span class=\"detail\">(\(escapeHTML(detail)))</span>" }
                } else {
                    out += "<div class=\"expectation failed\"><span class=\"mark\">✗</span> \(escapeHTML(outcome.claim))"
                    if let detail = outcome.detail { out += " <span class=\"detail\">(\(escapeHTML(detail)))</span>" }
                    out += " <span class=\"location\">\(escapeHTML(where_)): expectation failed</span>"
                }
                out += "</div>\n"
            }
        }
        if let failure = result.failure {
            switch result.status {
            case .failed:
                let location = failure.location.map { chapter.describe($0) } ?? "\(chapter.path):\(block.codeLine):\(block.column)"
                out += "<div class=\"block-error\">\(escapeHTML(location + ": " + failure.message))</div>\n"
            case .notRun, .ran:
                out += "<div class=\"not-run\">\(escapeHTML(failure.message))</div>\n"
            }
        } else if result.status == .notRun {
            out += "<div class=\"not-run\">did not run</div>\n"
        }
        out += "</div>\n</section>\n"
        return out
    }

    private static func tableHTML(_ table: ResultTable, number: Int) -> String {
        let id = "tab-" + (table.id ?? String(number))
        var out = "<table class=\"result-table\" id=\"\(escapeHTML(id))\">\n"
        out += "<caption>Table \(number).\(table.caption.map { " " + escapeHTML($0) } ?? "")</caption>\n"
        out += "<thead><tr>" + table.columns.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (j, cell) in row.enumerated() {
                let numeric = j < table.numeric.count && table.numeric[j]
                out += numeric ? "<td class=\"num\">\(escapeHTML(cell))</td>" : "<td>\(escapeHTML(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private static func figureHTML(_ figure: ResultFigure, number: Int, chapter: Chapter) -> String {
        let id = "fig-" + (figure.id ?? String(number))
        if let error = figure.error {
            let place = figure.line.flatMap { chapter.location(line: $0, column: 1) }.map { chapter.describe($0) } ?? chapter.path
            return "<figure class=\"figure failed\" id=\"\(escapeHTML(id))\">\n<div class=\"block-error\">\(escapeHTML(place)): error: the figure could not be drawn: \(escapeHTML(error))</div>\n<figcaption>Figure \(number).\(figure.caption.map { " " + escapeHTML($0) } ?? "")</figcaption>\n</figure>\n"
        }
        var svg = figure.svg.trimmingSpaces
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg = String(svg[end.upperBound...]).trimmingSpaces }
        // Only an SVG document is inlined, with nothing that could run script or load
        // anything (`SVGSanitizer`); anything else is shown as text.
        let content = SVGSanitizer.sanitize(svg) ?? "<pre class=\"output\">\(escapeHTML(figure.svg))</pre>"
        return "<figure class=\"figure\" id=\"\(escapeHTML(id))\">\n\(content)\n<figcaption>Figure \(number).\(figure.caption.map { " " + escapeHTML($0) } ?? "")</figcaption>\n</figure>\n"
    }

    /// The first sentence of the first paragraph after the title.
    static func summary(of chapter: Chapter) -> String? {
        guard let paragraph = chapter.document.children.first(where: {
            if case .paragraph = $0.kind { return true } else { return false }
        }) else { return nil }
        let text = chapter.math.restored(paragraph.plainText)
        if let end = text.range(of: ". ") { return String(text[..<end.lowerBound]) + "." }
        return text
    }
}
