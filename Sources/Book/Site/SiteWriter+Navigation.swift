import Foundation

// The repeated parts of a page, built here so that templates stay loop-free: the
// sidebar's table of contents, previous/next links and the landing page's chapter list.
extension SiteWriter {
    /// Which page a fragment is for: the landing page, a chapter (by index) or search.
    enum Place: Equatable {
        case landing
        case chapter(Int)
        case search
    }

    static func fileName(of chapter: ChapterPage) -> String { chapter.slug + ".html" }

    /// The sidebar: every chapter, numbered; the current one marked, with its sections
    /// (`##` and, nested under them, `###`).
    static func tableOfContents(_ site: BookSite, at place: Place) -> String {
        var html = "<ol class=\"toc-chapters\">\n"
        let landingCurrent = place == .landing
        html += "<li class=\"toc-chapter toc-landing\(landingCurrent ? " current" : "")\">"
        html += "<a href=\"index.html\"\(landingCurrent ? " aria-current=\"page\"" : "")>Introduction</a></li>\n"
        for (index, chapter) in site.chapters.enumerated() {
            let current = place == .chapter(index)
            var classes = "toc-chapter"
            if current { classes += " current" }
            if chapter.hasFailures { classes += " has-failures" }
            let file = fileName(of: chapter)
            html += "<li class=\"\(classes)\">"
            html += "<a href=\"\(HTML.href(file))\"\(current ? " aria-current=\"page\"" : "")>"
            html += "<span class=\"toc-number\">\(index + 1).</span> "
            html += "<span class=\"toc-title\">\(HTML.escape(chapter.title))</span>"
            if chapter.hasFailures {
                html += " <span class=\"failure-mark\" title=\"This chapter has failures\">failed</span>"
            }
            html += "</a>"
            if current { html += sectionList(chapter.sections, file: file) }
            html += "</li>\n"
        }
        html += "</ol>\n"
        return html
    }

    /// Sections as nested lists: a `###` goes under the `##` before it.
    static func sectionList(_ sections: [Heading], file: String) -> String {
        let shown = sections.filter { $0.level >= 2 && $0.level <= 3 }
        guard !shown.isEmpty else { return "" }
        var html = "<ol class=\"toc-sections\">"
        var openSub = false
        var openItem = false
        for section in shown {
            let link = "<a href=\"\(HTML.href(file, fragment: section.id))\" data-section=\"\(HTML.escape(section.id))\">"
                + HTML.escape(section.title) + "</a>"
            if section.level == 3 && openItem {
                if !openSub { html += "<ol class=\"toc-subsections\">"; openSub = true }
                html += "<li class=\"toc-section level-3\">\(link)</li>"
            } else {
                if openSub { html += "</ol>"; openSub = false }
                if openItem { html += "</li>" }
                html += "<li class=\"toc-section level-\(section.level)\">\(link)"
                openItem = true
            }
        }
        if openSub { html += "</ol>" }
        if openItem { html += "</li>" }
        return html + "</ol>"
    }

    /// Previous/next links at the foot of a page. The landing page comes before the
    /// first chapter; the last chapter has no "next".
    static func pager(_ site: BookSite, at place: Place) -> String {
        var previous: (href: String, title: String)?
        var next: (href: String, title: String)?
        switch place {
        case .landing:
            if let first = site.chapters.first { next = (HTML.href(fileName(of: first)), first.title) }
        case .chapter(let index):
            if index == 0 {
                previous = ("index.html", site.title)
            } else {
                let chapter = site.chapters[index - 1]
                previous = (HTML.href(fileName(of: chapter)), chapter.title)
            }
            if index + 1 < site.chapters.count {
                let chapter = site.chapters[index + 1]
                next = (HTML.href(fileName(of: chapter)), chapter.title)
            }
        case .search:
            return ""
        }
        var html = "<nav class=\"pager\" aria-label=\"Previous and next\">"
        if let previous {
            html += "<a class=\"pager-previous\" rel=\"prev\" href=\"\(previous.href)\">"
            html += "<span class=\"pager-label\">← Previous</span>"
            html += "<span class=\"pager-title\">\(HTML.escape(previous.title))</span></a>"
        }
        if let next {
            html += "<a class=\"pager-next\" rel=\"next\" href=\"\(next.href)\">"
            html += "<span class=\"pager-label\">Next →</span>"
            html += "<span class=\"pager-title\">\(HTML.escape(next.title))</span></a>"
        }
        return html + "</nav>"
    }

    /// The landing page's list of chapters, with each summary and its sections.
    static func chapterList(_ site: BookSite) -> String {
        var html = "<ol class=\"chapter-list\">\n"
        for (index, chapter) in site.chapters.enumerated() {
            let file = fileName(of: chapter)
            html += "<li class=\"chapter-card\(chapter.hasFailures ? " has-failures" : "")\">"
            html += "<a class=\"chapter-card-title\" href=\"\(HTML.href(file))\">"
            html += "<span class=\"chapter-card-number\">Chapter \(index + 1)</span>"
            html += "<span class=\"chapter-card-name\">\(HTML.escape(chapter.title))</span></a>"
            if chapter.hasFailures {
                html += "<p class=\"chapter-card-failures\">This chapter has failures.</p>"
            }
            if let summary = chapter.summary, !summary.isEmpty {
                html += "<p class=\"chapter-card-summary\">\(HTML.escape(summary))</p>"
            }
            let topSections = chapter.sections.filter { $0.level == 2 }
            if !topSections.isEmpty {
                html += "<ul class=\"chapter-card-sections\">"
                for section in topSections {
                    html += "<li><a href=\"\(HTML.href(file, fragment: section.id))\">"
                    html += HTML.escape(section.title) + "</a></li>"
                }
                html += "</ul>"
            }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }
}
