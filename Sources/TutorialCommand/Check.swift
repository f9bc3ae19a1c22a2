import ArgumentParser
import Book
import Foundation

extension Tutorial {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the book, then check that every block ran, every expectation held and no internal link is broken.",
            discussion: """
                Ends with the line `N passed, N failed`; the exit status is non-zero on any failure. \
                A block that ran and a claim that held pass. Each failure fails once: a problem in the \
                chapter's Markdown, a compiler error, a trap or timeout, a failed claim, a figure that \
                could not be drawn, a broken link. Blocks that did not run because an earlier one \
                failed are listed but count neither way.

                In a book with editions (chapters/book.toml), an up-to-date translation passes; a \
                translated chapter whose run blocks differ from its source's (added, removed, moved, \
                edited) fails, naming both files and lines, and so does each string the experiments \
                produce that the edition's catalog does not translate, and each stale catalog entry. \
                A chapter not translated yet is listed; --strict-editions makes it a failure.
                """)

        @OptionGroup var book: BookOptions

        @Flag(help: "Print a machine-readable JSON report on standard output (the closing line goes to standard error).")
        var json = false

        func run() async throws {
            let report = try await BookCommand.build(book, checkLinks: true)
            if json {
                print(report.json())
                printError(report.closingLine)
            } else {
                for line in report.failureLines { print("✗ " + line) }
                for edition in report.editions { print(edition.summary) }
                if let usage = report.utilization { print(usage.description) }
                print(report.closingLine)
            }
            if report.failed > 0 { throw ExitCode.failure }
        }
    }
}
