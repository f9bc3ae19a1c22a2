import Foundation

/// Finds the failures in a chapter's body HTML, so the page can open with a banner that
/// links to each of them.
///
/// A failure is a `<div class="block-error">` or a `<div class="expectation failed">`; it
/// belongs to the nearest `<section class="block …" id="…">` before it.
enum FailureScanner {
    struct Failure: Equatable {
        enum Kind: Equatable { case blockError, failedExpectation }
        var kind: Kind
        /// The id of the block holding it, when the block has one.
        var blockID: String?
        /// Its text, shortened for the banner.
        var summary: String
    }

    static func failures(in html: String) -> [Failure] {
        var failures: [Failure] = []
        var blockID: String?
        var rest = html[...]
        // Searching the UTF-8 view for ASCII brackets keeps this linear: Foundation's
        // `range(of:)` on a long page re-measures UTF-16 offsets at every call.
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
            let tagStart = rest.utf8.index(after: open)
            let tagEnd = rest.utf8[tagStart...].firstIndex(of: UInt8(ascii: ">")) ?? rest.endIndex
            let tag = rest[tagStart..<tagEnd]
            let after = tagEnd < rest.endIndex ? rest.index(after: tagEnd) : rest.endIndex
            if tag.hasPrefix("section") {
                let classes = attribute("class", in: tag)?.split(separator: " ") ?? []
                if classes.contains("block") { blockID = attribute("id", in: tag) }
            } else if tag.hasPrefix("div") {
                let classes = attribute("class", in: tag)?.split(separator: " ") ?? []
                let kind: Failure.Kind?
                if classes.contains("block-error") {
                    kind = .blockError
                } else if classes.contains("expectation") && classes.contains("failed") {
                    kind = .failedExpectation
                } else {
                    kind = nil
                }
                if let kind {
                    let inner = innerHTML(ofDivStartingAt: after, in: rest)
                    failures.append(Failure(kind: kind, blockID: blockID, summary: shorten(HTMLText.plainText(String(inner)))))
                }
            }
            rest = rest[after...]
        }
        return failures
    }

    /// The value of `name="…"` in a tag's text (without the angle brackets).
    static func attribute(_ name: String, in tag: Substring) -> String? {
        var rest = tag
        while let range = rest.range(of: name + "=\"") {
            let before = range.lowerBound == tag.startIndex ? " " : tag[tag.index(before: range.lowerBound)]
            let valueStart = range.upperBound
            guard let valueEnd = rest[valueStart...].firstIndex(of: "\"") else { return nil }
            if before == " " || before == "\n" || before == "\t" {
                return HTMLText.decodeEntities(String(rest[valueStart..<valueEnd]))
            }
            rest = rest[valueEnd...]
        }
        return nil
    }

    /// The HTML from `start` to the `</div>` that closes the div opened just before it.
    private static func innerHTML(ofDivStartingAt start: Substring.Index, in html: Substring) -> Substring {
        var depth = 1
        var index = start
        while let open = html.utf8[index...].firstIndex(of: UInt8(ascii: "<")) {
            let next = html.utf8.index(after: open)
            if html[next...].hasPrefix("/div") {
                depth -= 1
                if depth == 0 { return html[start..<open] }
            } else if html[next...].hasPrefix("div") {
                depth += 1
            }
            index = next
        }
        return html[start...]
    }

    private static func shorten(_ text: String, to limit: Int = 160) -> String {
        // The expectation's own ✗ mark says nothing the banner does not.
        let text = text.hasPrefix("✗ ") ? String(text.dropFirst(2)) : text
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// The banner opening a chapter with failures: what failed, each linked to its block.
    static func banner(for chapter: ChapterPage) -> String {
        let found = failures(in: chapter.bodyHTML)
        guard chapter.hasFailures || !found.isEmpty else { return "" }
        var html = "<div class=\"failure-banner\" role=\"alert\">"
        html += "<p class=\"failure-banner-title\"><strong>This chapter has failures.</strong> "
        switch found.count {
        case 0: html += "Something in it did not run as written."
        case 1: html += "One block did not do what the text says:"
        default: html += "\(found.count) problems, each linked to its block:"
        }
        html += "</p>"
        if !found.isEmpty {
            html += "<ul class=\"failure-list\">"
            for failure in found {
                let what = failure.kind == .blockError ? "Error" : "Failed expectation"
                html += "<li>"
                if let id = failure.blockID {
                    html += "<a href=\"#\(HTMLText.escape(id))\">\(what) in \(HTMLText.escape(blockLabel(id)))</a>"
                } else {
                    html += what
                }
                if !failure.summary.isEmpty {
                    html += ": <span class=\"failure-summary\">\(HTMLText.escape(failure.summary))</span>"
                }
                html += "</li>"
            }
            html += "</ul>"
        }
        return html + "</div>"
    }

    /// `block-3` reads as "block 3"; a named block (`id=loss-curve`) keeps its name.
    static func blockLabel(_ id: String) -> String {
        if id.hasPrefix("block-"), Int(id.dropFirst(6)) != nil { return "block " + id.dropFirst(6) }
        return id
    }
}
