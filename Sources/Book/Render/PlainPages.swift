import Foundation

// TEMPORARY: a minimal page writer until the site's `SiteWriter` lands in main; then
// this file is deleted and `BookBuilder` calls `SiteWriter().write(site, to:)`.
struct SiteWriter {
    init(themeDirectory: URL? = nil) {}

    func write(_ site: BookSite, to directory: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let nav = "<nav><a href=\"index.html\">\(escapeHTML(site.title))</a></nav>\n"
        var list = "<ol class=\"chapters\">\n"
        for page in site.chapters {
            list += "<li><a href=\"\(page.slug).html\">\(escapeHTML(page.title))</a>\(page.hasFailures ? " ✗" : "")</li>\n"
        }
        list += "</ol>\n"
        try html(site.title, nav + site.landingHTML + list).write(
            to: directory.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        for (i, page) in site.chapters.enumerated() {
            var links = ""
            if i > 0 { links += "<a rel=\"prev\" href=\"\(site.chapters[i - 1].slug).html\">← \(escapeHTML(site.chapters[i - 1].title))</a> " }
            if i + 1 < site.chapters.count { links += "<a rel=\"next\" href=\"\(site.chapters[i + 1].slug).html\">\(escapeHTML(site.chapters[i + 1].title)) →</a>" }
            try html(page.title, nav + page.bodyHTML + "<footer>\(links)</footer>\n").write(
                to: directory.appendingPathComponent("\(page.slug).html"), atomically: false, encoding: .utf8)
        }
    }

    private func html(_ title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escapeHTML(title))</title>
        <style>body{max-width:46em;margin:auto;font-family:sans-serif}.failed{border-left:4px solid #c00;padding-left:.5em}
        .block-error{color:#c00;white-space:pre-wrap}.expectation.failed{color:#c00}.num{text-align:right}</style>
        </head><body>
        \(body)</body></html>

        """
    }
}
