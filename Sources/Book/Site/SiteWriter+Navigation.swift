import Foundation

// The values that let templates lay out a page's navigation themselves: the chapters
// (for the sidebar and the landing page's list), previous/next, and a chapter's
// failures (for its banner). URLs are percent-encoded; the templates escape them.
extension SiteWriter {
    /// Which page the values are for: the landing page, a chapter (by index) or search.
    enum Place: Equatable {
        case landing
        case chapter(Int)
        /// A page of the edition's own (`BookSite.pages`).
        case page(Int)
        case search
    }

    static func fileName(of chapter: ChapterPage) -> String { chapter.slug + ".html" }

    /// `chapters`, `landingCurrent`, `previous` and `next`.
    static func navigationValues(_ site: BookSite, at place: Place) -> [String: Any] {
        var values: [String: Any] = ["landingCurrent": place == .landing]
        values["chapters"] = site.chapters.enumerated().map { index, chapter -> [String: Any] in
            let file = fileName(of: chapter)
            let sections = sectionTree(chapter.sections, file: file)
            var entry: [String: Any] = [
                "number": index + 1, "label": site.edition.chrome.format("chapterNumber", index + 1),
                "title": chapter.title, "href": HTML.url(file),
                "current": place == .chapter(index), "hasFailures": chapter.hasFailures,
                "sections": sections, "hasSections": !sections.isEmpty,
                "hasMainSections": sections.contains { $0["main"] as? Bool == true },
            ]
            if let summary = chapter.summary, !summary.isEmpty { entry["summary"] = summary }
            return entry
        }
        values["pages"] = site.pages.enumerated().map { index, page -> [String: Any] in
            ["title": page.title, "href": HTML.url(fileName(of: page)), "current": place == .page(index)]
        }
        values["hasPages"] = !site.pages.isEmpty
        // The chapters, then the edition's own pages, in reading order.
        let sequence = site.chapters + site.pages
        func link(_ index: Int) -> [String: Any]? {
            guard sequence.indices.contains(index) else { return nil }
            return ["href": HTML.url(fileName(of: sequence[index])), "title": sequence[index].title]
        }
        switch place {
        case .landing:
            values["next"] = link(0)
        case .chapter(let index):
            values["previous"] = index == 0 ? ["href": "index.html", "title": site.title] : link(index - 1)
            values["next"] = link(index + 1)
        case .page(let index):
            let position = site.chapters.count + index
            values["previous"] = position == 0 ? ["href": "index.html", "title": site.title] : link(position - 1)
            values["next"] = link(position + 1)
        case .search:
            break
        }
        values["hasPager"] = values["previous"] != nil || values["next"] != nil
        return values
    }

    /// A chapter's `##` and `###` headings as a tree: a `###` goes under the `##` before
    /// it (one before any `##` stands alone); deeper headings are left out. Each entry
    /// has `level`, `main` (a `##`), `id`, `title`, `href` and `subsections`.
    static func sectionTree(_ sections: [Heading], file: String) -> [[String: Any]] {
        var tree: [[String: Any]] = []
        for section in sections where section.level <= 3 {
            let entry: [String: Any] = [
                "level": section.level, "main": section.level == 2, "id": section.id,
                "title": section.title, "href": HTML.url(file, fragment: section.id),
            ]
            if section.level == 3, tree.last?["main"] as? Bool == true {
                var parent = tree.removeLast()
                parent["subsections"] = (parent["subsections"] as? [[String: Any]] ?? []) + [entry]
                tree.append(parent)
            } else {
                tree.append(entry)
            }
        }
        return tree.map { entry in
            var entry = entry
            let subsections = entry["subsections"] as? [[String: Any]] ?? []
            entry["subsections"] = subsections
            entry["hasSubsections"] = !subsections.isEmpty
            return entry
        }
    }

    /// `failures`, each with `anchor` and `label` (the block it is in, when it is in
    /// one), `expectation` (a failed claim, else an error) and `summary`; `failureCount`
    /// and `oneFailure`.
    static func failureValues(_ chapter: ChapterPage, chrome: PageChrome = PageChrome()) -> [String: Any] {
        let failures = chapter.failures.map { failure -> [String: Any] in
            let expectation = failure.kind == .expectation
            var entry: [String: Any] = [
                "expectation": expectation, "summary": summary(of: failure),
                "heading": chrome.text(expectation ? "failedExpectation" : "error"),
            ]
            if let anchor = failure.anchor, let block = failure.block {
                let label = anchor == "block-\(block + 1)" ? chrome.format("blockNumber", block + 1) : anchor
                entry["anchor"] = anchor
                entry["label"] = label
                entry["heading"] = chrome.format(expectation ? "failedExpectationIn" : "errorIn", label)
            }
            return entry
        }
        return [
            "failures": failures, "failureCount": failures.count, "oneFailure": failures.count == 1,
            "failureIntro": chrome.format("manyFailures", failures.count),
        ]
    }

    /// A failed expectation by its claim; anything else as `file:line:col: message`;
    /// at most 160 characters.
    private static func summary(of failure: ChapterFailure) -> String {
        let prefix = "expectation failed: "
        var text = failure.description
        if failure.kind == .expectation, failure.message.hasPrefix(prefix) {
            text = String(failure.message.dropFirst(prefix.count))
        }
        return text.count <= 160 ? text : String(text.prefix(159)) + "…"
    }
}
