import ArgumentParser
import Book
import Foundation

extension Tutorial {
    struct PDF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf",
            abstract: "Write the whole book as one PDF, book.pdf in the book folder, from the book `tutorial build` wrote.",
            discussion: """
                The PDF has a title page, the contents with page numbers, the introduction and every \
                chapter on new pages, the chapter in the running head, page numbers in the footer, and \
                bookmarks for chapters and sections. Headless Chromium (Debian's chromium) prints the \
                book's print.html, offline. Runs no chapter: build first. An unchanged book is not \
                printed again (the PDF comes from the cache; --force prints it anyway). \
                `tutorial build --pdf` builds and prints in one go.
                """)

        @OptionGroup var book: BookOptions

        func run() async throws {
            BookCommand.superviseChildren()
            do {
                let outcome = try await BookPDF.make(for: book.folders, options: book.pdfOptions()) { printError($0) }
                print(Self.summary(outcome))
            } catch {
                printError("error: \(error)")
                try BookCommand.exitIfInterrupted()
                throw ExitCode.failure
            }
        }

        /// `Wrote output/book.pdf: 84 pages (printed in 12.3 s).`
        static func summary(_ outcome: BookPDF.Outcome) -> String {
            let how = outcome.printed ? String(format: "printed in %.1f s", outcome.seconds) : "unchanged, from the cache"
            return "Wrote \(displayPath(URL(fileURLWithPath: outcome.path))): \(outcome.pages) page(s) (\(how))."
        }
    }
}
