import Foundation
import Testing

@testable import Book

/// Whole pages against golden files, where a `contains` check would let a regression
/// elsewhere on the page pass: the sample book's landing page, a chapter with every kind
/// of result, one with failures (banner, marked blocks, a block that did not run), and
/// the search index. Pages are rendered from Markdown and results, without running
/// anything, so they are the same on every machine.
///
/// After an intended change to the pages, rewrite the golden files with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenPageTests` and read the diff.
@Suite struct GoldenPageTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    static let book: Result<URL, Error> = Result {
        let output = temporaryDirectory("golden")
        try SiteWriter().write(try SampleBook.site(), to: output)
        return output
    }

    @Test(arguments: [
        "index.html", "01-learning-from-data.html", "02-optimizers.html", "03-escaping.html",
        "assets/search-index.js",
    ])
    func pageMatchesItsGoldenFile(_ name: String) throws {
        let page = try read(try Self.book.get().appendingPathComponent(name))
        let file = Self.golden.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-"))
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileCopier.write(page, to: file)
            return
        }
        let expected = try read(file)
        guard page != expected else { return }
        // Name the first line that differs, not just that the page does.
        let a = page.split(separator: "\n", omittingEmptySubsequences: false)
        let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record(
            """
            \(name) differs from \(file.path) at line \(line + 1):
              got:      \(line < a.count ? String(a[line].prefix(300)) : "(end of page)")
              expected: \(line < b.count ? String(b[line].prefix(300)) : "(end of file)")
            """)
    }
}
