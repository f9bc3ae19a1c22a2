/// The banner that opens a chapter with failures: what failed, each linked to its block.
/// Built from the chapter's failures, the same list `check` counts.
enum FailureBanner {
    static func html(for chapter: ChapterPage) -> String {
        let failures = chapter.failures
        guard !failures.isEmpty else { return "" }
        var html = "<div class=\"failure-banner\" role=\"alert\">"
        html += "<p class=\"failure-banner-title\"><strong>This chapter has failures.</strong> "
        html += failures.count == 1 ? "One thing did not happen as the text says:" : "\(failures.count) problems, each linked to its block:"
        html += "</p><ul class=\"failure-list\">"
        for failure in failures {
            let what = failure.kind == .expectation ? "Failed expectation" : "Error"
            html += "<li>"
            if let anchor = failure.anchor, let block = failure.block {
                let label = anchor == "block-\(block + 1)" ? "block \(block + 1)" : anchor
                html += "<a href=\"#\(HTML.escape(anchor))\">\(what) in \(HTML.escape(label))</a>"
            } else {
                html += what
            }
            html += ": <span class=\"failure-summary\">\(HTML.escape(shorten(summary(of: failure))))</span></li>"
        }
        return html + "</ul></div>"
    }

    /// A failed expectation by its claim; anything else as `file:line:col: message`.
    private static func summary(of failure: ChapterFailure) -> String {
        let prefix = "expectation failed: "
        if failure.kind == .expectation, failure.message.hasPrefix(prefix) {
            return String(failure.message.dropFirst(prefix.count))
        }
        return failure.description
    }

    private static func shorten(_ text: String, to limit: Int = 160) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
