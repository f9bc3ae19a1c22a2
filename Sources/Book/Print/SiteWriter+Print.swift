import Foundation

// The values of `print.html`, the whole book on one page. Besides the edition's (`lang`,
// `ui`, `root`, …) and `bookTitle`, `pageTitle`, it gets the introduction and the
// chapters with their bodies, and `pageStyles`: the CSS `@page` rules that put each
// part's name in the running head. The table of contents leaves its page numbers empty,
// in elements `data-page-of="ID"`: `BookPrinter` fills them in from a first printing.
extension SiteWriter {
    static let printFileName = "print.html"

    static func printValues(_ site: BookSite, _ book: PrintBook) -> [String: Any] {
        let chrome = site.edition.chrome
        var values = editionValues(site, at: .landing)
        values["bookTitle"] = site.title
        values["pageTitle"] = site.title
        if let introduction = book.introduction {
            values["hasIntroduction"] = true
            values["introduction"] = introduction.bodyHTML
            values["introductionID"] = PrintBook.introductionID
        }
        values["chapters"] = book.chapters.enumerated().map { index, chapter -> [String: Any] in
            // Not `anchor` or `label`: the failure banner's entries use those, and a
            // failure without them must not find the chapter's instead.
            var entry: [String: Any] = [
                "number": index + 1, "chapterLabel": chrome.format("chapterNumber", index + 1),
                "title": chapter.title, "slug": chapter.slug, "chapterID": chapter.slug,
                "pageName": pageName(index), "body": chapter.bodyHTML,
                "titleHeading": chapter.bodyHTML.contains("<h1") ? "" : "<h1>\(HTML.escape(chapter.title))</h1>",
                "hasFailures": chapter.hasFailures,
            ]
            let sections = sectionTree(chapter.sections, file: "")
            entry["sections"] = sections
            entry["hasMainSections"] = sections.contains { $0["main"] as? Bool == true }
            var failures = failureValues(chapter, chrome: chrome)
            failures["failures"] = (failures["failures"] as? [[String: Any]] ?? []).map { failure in
                var failure = failure
                if let anchor = failure["anchor"] as? String { failure["anchor"] = chapter.slug + "/" + anchor }
                return failure
            }
            entry.merge(failures) { $1 }
            return entry
        }
        let heads =
            [("contents", chrome.text("tableOfContents")), ("introduction", chrome.text("introduction"))]
            + book.chapters.enumerated().map { (pageName($0), "\($0 + 1) · \($1.title)") }
        values["pageStyles"] = heads.map { "@page \($0) { @top-right { content: \(cssString($1)); } }" }
            .joined(separator: "\n")
        return values
    }

    /// The CSS page name of chapter `index`, whose `@page` rule gives its running head.
    static func pageName(_ index: Int) -> String { "chapter-\(index + 1)" }

    /// `text` as a quoted CSS string. Everything but letters, digits and spaces is
    /// written as a hexadecimal escape, so no text can end the string, the rule or the
    /// `<style>` element it stands in.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}
