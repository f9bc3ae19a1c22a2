import Foundation

/// The search index, written at build time as `assets/search-index.js`.
///
/// It is a script, not JSON, so that it loads from `file://` (where `fetch` is refused):
/// it sets `window.BOOK_SEARCH_DOCS` to an array of documents, one per section of every
/// page, each `{url, title, section, text}`. The browser builds a lunr index from them
/// when a reader first uses the search box (a few hundred sections take milliseconds, and
/// a prebuilt index would be several times larger than the text).
struct SearchIndex {
    struct Document: Equatable {
        var url: String
        var title: String
        var section: String?
        var text: String
    }

    var documents: [Document] = []

    init(site: BookSite) {
        documents += Self.sections(of: site.landingHTML, page: "index.html", title: site.title)
        for chapter in site.chapters {
            let page = HTMLText.url(SiteWriter.fileName(of: chapter))
            var chapterDocuments = Self.sections(of: chapter.bodyHTML, page: page, title: chapter.title)
            if chapterDocuments.isEmpty {
                // A body with no text of its own (unusual) is still found by its search text.
                chapterDocuments = [Document(
                    url: page, title: chapter.title, section: nil,
                    text: HTMLText.collapseWhitespace(chapter.searchText))]
            }
            documents += chapterDocuments
        }
    }

    /// Splits a page at its headings that carry an id; the text before the first one
    /// belongs to the page itself.
    static func sections(of html: String, page: String, title: String) -> [Document] {
        var result: [Document] = []
        var current = Document(url: page, title: title, section: nil, text: "")
        var pending = ""
        var rest = html[...]
        func flush() {
            current.text = HTMLText.searchableText(pending)
            if !current.text.isEmpty || current.section != nil { result.append(current) }
        }
        while let open = rest.range(of: "<h") {
            let afterH = rest[open.upperBound...]
            guard let level = afterH.first, ("1"..."6").contains(level),
                  let tagEnd = afterH.firstIndex(of: ">") else {
                pending += rest[..<open.upperBound]
                rest = afterH
                continue
            }
            let tag = afterH[..<tagEnd]
            let closing = "</h\(level)>"
            guard let id = FailureScanner.attribute("id", in: tag),
                  let close = afterH.range(of: closing) else {
                pending += rest[..<open.upperBound]
                rest = afterH
                continue
            }
            pending += rest[..<open.lowerBound]
            let headingText = HTMLText.plainText(String(afterH[afterH.index(after: tagEnd)..<close.lowerBound]))
            if level == "1" {
                // The chapter's title heading opens the page, it is not a section.
                pending += " "
            } else {
                flush()
                pending = ""
                current = Document(url: page + "#" + id, title: title, section: headingText, text: "")
            }
            rest = afterH[close.upperBound...]
        }
        pending += rest
        flush()
        return result
    }

    /// The script's text; its bytes depend only on the book.
    func javaScript() -> String {
        var js = "// The search documents of this book, written by `tutorial build`.\n"
        js += "// Loaded with a <script> tag so that search also works from file://.\n"
        js += "window.BOOK_SEARCH_DOCS = [\n"
        for (index, document) in documents.enumerated() {
            js += "{\"url\":\(HTMLText.jsonString(document.url)),"
            js += "\"title\":\(HTMLText.jsonString(document.title)),"
            js += "\"section\":\(document.section.map(HTMLText.jsonString) ?? "null"),"
            js += "\"text\":\(HTMLText.jsonString(document.text))}"
            js += index + 1 < documents.count ? ",\n" : "\n"
        }
        return js + "];\n"
    }
}
