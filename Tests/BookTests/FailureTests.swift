import Foundation
import Testing

@testable import Book

/// End to end on the `failures` fixture: each chapter fails its own way, and the one
/// good chapter is untouched.
@Suite struct FailureTests {
    func blocks(_ path: String) async throws -> [BuildReport.BlockReport] {
        try #require(try await SharedBuilds.failures.value.chapter(path)?.blocks)
    }

    func failures(_ path: String) async throws -> [String] {
        try #require(try await SharedBuilds.failures.value.chapter(path)?.failures.map(\.description))
    }

    @Test func compileErrorNamesItsMarkdownLineAndColumn() async throws {
        let b = try await blocks("01-compile-error.md")
        #expect(b.map(\.status) == [.notRun, .failed, .notRun])
        #expect(
            try await failures("01-compile-error.md") == [
                "chapters/01-compile-error.md:10:18: error: cannot convert value of type 'String' to specified type 'Int'"
            ])
        #expect(b[2].reason == "did not run: the chapter did not compile")
        // One compile error is one failure, however many blocks it keeps from running.
        #expect(try await SharedBuilds.failures.value.chapter("01-compile-error.md")?.failed == 1)
        let html = try await SharedBuilds.failures.value.page("01-compile-error")
        #expect(
            html.contains(
                #"<div class="block-error">chapters/01-compile-error.md:10:18: error: cannot convert value of type &#39;String&#39; to specified type &#39;Int&#39;</div>"#
            ))
    }

    @Test func trapNamesItsLineAndKeepsEarlierOutput() async throws {
        let b = try await blocks("02-trap.md")
        #expect(b.map(\.status) == [.failed, .notRun])
        let message = try #require(try await failures("02-trap.md").first)
        #expect(message.hasPrefix("chapters/02-trap.md:7:"))
        #expect(message.contains("error:"))
        #expect(b[1].reason == "did not run: block 1 failed at line 7")
        let html = try await SharedBuilds.failures.value.page("02-trap")
        #expect(html.contains("<pre class=\"output\">before the trap\n</pre>"))
    }

    @Test func fatalErrorInAFunctionNamesTheFunctionsLine() async throws {
        let b = try await blocks("03-fatal.md")
        #expect(b.map(\.status) == [.ran, .failed])
        #expect(try await failures("03-fatal.md") == ["chapters/03-fatal.md:5:1: error: Fatal error: x is too big: 5"])
        let html = try await SharedBuilds.failures.value.page("03-fatal")
        #expect(html.contains("<pre class=\"output\">1\n</pre>"))
    }

    @Test func timeoutSaysSoAndLaterBlocksDidNotRun() async throws {
        let b = try await blocks("04-timeout.md")
        #expect(b.map(\.status) == [.failed, .notRun])
        #expect(
            try await failures("04-timeout.md") == [
                "chapters/04-timeout.md:4:1: error: timed out: the block ran longer than its limit of 1 s (set timeout=SECONDS on its fence line to allow more)"
            ])
        let html = try await SharedBuilds.failures.value.page("04-timeout")
        #expect(html.contains("<pre class=\"output\">started\n</pre>"))
    }

    @Test func floodIsCutWithANote() async throws {
        let b = try await blocks("05-flood.md")
        #expect(b.map(\.status) == [.ran, .ran])
        let html = try await SharedBuilds.failures.value.page("05-flood")
        #expect(html.contains("Output cut: this block printed more than 20 kB;"))
        #expect(html.utf8.count < 60_000)
        #expect(html.contains("the next block still runs"))
    }

    @Test func otherChaptersAreUnaffected() async throws {
        let book = try await SharedBuilds.failures.value
        let fine = try #require(book.chapter("06-fine.md"))
        #expect(fine.blocks.map(\.status) == [.ran])
        #expect(fine.expectations.map(\.passed) == [true])
        #expect(try book.page("06-fine").contains("<pre class=\"output\">fine\n</pre>"))
        // Every chapter's page is written, failing or not.
        for slug in ["01-compile-error", "02-trap", "03-fatal", "04-timeout", "05-flood", "06-fine", "index"] {
            #expect(FileManager.default.fileExists(atPath: book.output.appendingPathComponent(slug + ".html").path))
        }
    }

    @Test func timeoutsAreNotCachedButDeterministicFailuresAre() async throws {
        let book = try await SharedBuilds.failures.value
        let cache = ResultCache(directory: book.cache)
        #expect(cache.entry(for: "04-timeout") == nil)
        #expect(cache.entry(for: "01-compile-error") != nil)
        #expect(cache.entry(for: "02-trap") != nil)
    }
}

extension FailureTests {
    @Test func figureThatCannotBeDrawnIsMarkedAndFailsCheck() async throws {
        let book = try await SharedBuilds.failures.value
        let chapter = try #require(book.chapter("07-figure-error.md"))
        #expect(chapter.blocks.map(\.status) == [.ran])
        #expect(chapter.failures.map(\.description) == ["chapters/07-figure-error.md:5:1: error: the figure could not be drawn: the series is empty"])
        #expect(chapter.failures.map(\.kind) == [.figure])
        let html = try book.page("07-figure-error")
        #expect(
            html.contains(
                #"<div class="block-error">chapters/07-figure-error.md:5:1: error: the figure could not be drawn: the series is empty</div>"#))
        #expect(html.contains("<figcaption>Figure 1. Empty &lt;data&gt;</figcaption>"))
        #expect(html.contains("still running"))
    }
}

extension FailureTests {
    /// Chapter programs are optimized, where `precondition` drops its message; the
    /// engine's checks must still tell the reader what was wrong.
    @Test func engineMisuseKeepsItsMessageInOptimizedChapters() async throws {
        let b = try await blocks("08-engine-misuse.md")
        #expect(b.map(\.status) == [.failed])
        let message = try #require(try await failures("08-engine-misuse.md").first)
        #expect(message.hasPrefix("chapters/08-engine-misuse.md:"))
        #expect(message.contains("matmul: inner dimensions differ (2×3 · 2×3)"))
    }
}

extension FailureTests {
    /// `-O` drops a standard `precondition`'s message; chapter code's keeps it, at its line.
    @Test func preconditionInChapterCodeKeepsItsMessage() async throws {
        let b = try await blocks("09-precondition.md")
        #expect(b.map(\.status) == [.failed])
        let message = try #require(try await failures("09-precondition.md").first)
        #expect(message.hasPrefix("chapters/09-precondition.md:5:"), "\(message)")
        #expect(message.hasSuffix("error: Fatal error: precondition failed: n must be even, got 3"), "\(message)")
        let html = try await SharedBuilds.failures.value.page("09-precondition")
        #expect(html.contains("<pre class=\"output\">2\n</pre>"))
    }
}
