import ArgumentParser
import Book
import Foundation

extension Tutorial {
    struct Clean: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the written book and the cached results.",
            discussion: """
                Removes only folders `tutorial` made: the book (it carries a .tutorial-book stamp) \
                and the results cache (it carries a CACHEDIR.TAG), with leftovers of builds that \
                died. Anything else is left alone and named. Waits while a build of the same book runs.
                """)

        @OptionGroup var book: BookOptions

        func run() async throws {
            let outcome: BookCleaner.Outcome
            do {
                outcome = try await BookCleaner.clean(book.folders) { printError($0) }
            } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            for line in outcome.lines { print(line) }
            if outcome.refused { throw ExitCode.failure }
        }
    }
}
