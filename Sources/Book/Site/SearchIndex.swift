import Foundation

/// The search index, written at build time as `assets/search-index.js`.
///
/// It is a script, not JSON, so that it loads from `file://` (where `fetch` is refused):
/// it sets `window.BOOK_SEARCH_DOCS` to an array of documents, one per section of every
/// page, each `{url, title, section, text}`. The sections come from the pages' Markdown
/// (`ChapterPage.search`). The browser builds a lunr index from them when a reader
/// first uses the search box (a few hundred sections take milliseconds, and a prebuilt
/// index would be several times larger than the text).
struct SearchIndex {
    struct Document: Codable, Equatable {
        var url: String
        var title: String
        var section: String?
        var text: String

        private enum CodingKeys: String, CodingKey { case url, title, section, text }

        /// Every key is written, `section` as null when absent.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(url, forKey: .url)
            try c.encode(title, forKey: .title)
            try c.encode(section, forKey: .section)
            try c.encode(text, forKey: .text)
        }
    }

    var documents: [Document] = []

    init(site: BookSite) {
        documents += Self.documents(site.landing.search, page: "index.html", title: site.title)
        for chapter in site.chapters {
            // The page's URL, percent-encoded as the navigation's (a raw file name given
            // to link.href could read as a scheme: `javascript:x.html`).
            documents += Self.documents(chapter.search, page: HTML.url(SiteWriter.fileName(of: chapter)), title: chapter.title)
        }
    }

    static func documents(_ sections: [SearchSection], page: String, title: String) -> [Document] {
        sections.map { section in
            Document(
                url: section.id.map { page + "#" + $0 } ?? page, title: title, section: section.title,
                text: section.text)
        }
    }

    /// The script's text; its bytes depend only on the book. JSON is JavaScript, and with
    /// `<`, `>` and `&` escaped no text can close the `<script>` element it is loaded by.
    func javaScript() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [String] = []
        for document in documents {
            lines.append(String(decoding: try encoder.encode(document), as: UTF8.self))
        }
        var js = "// The search documents of this book, written by `tutorial build`.\n"
        js += "// Loaded with a <script> tag so that search also works from file://.\n"
        js += "window.BOOK_SEARCH_DOCS = [\n" + lines.map(Self.scriptSafe).joined(separator: ",\n") + "\n];\n"
        return js
    }

    /// JSON with the characters that could end a script element or a JavaScript line
    /// written as `\u` escapes (valid in JSON and JavaScript strings alike).
    static func scriptSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for c in json.unicodeScalars {
            switch c {
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
