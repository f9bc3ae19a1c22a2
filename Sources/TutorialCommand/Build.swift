import ArgumentParser
import Book
import Foundation

extension Tutorial {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every chapter (or reuse cached results) and write the HTML book.",
            discussion: """
                A book with editions in other languages (chapters/book.toml, chapters/ko/) gets each \
                edition in a folder of the output (output/ko/), rendered from the same results: \
                translated chapters run nothing. Each edition's folder also gets results.pot, the \
                strings its catalog (chapters/ko/results.po) translates.
                """)

        @OptionGroup var book: BookOptions

        @Flag(
            help: ArgumentHelp(
                "Also write the whole book as one PDF, book.pdf in the book folder (printed by headless Chromium).",
                discussion:
                    "An unchanged book is not printed again: its PDF comes from the cache. `tutorial pdf` makes the PDF of a book already built."))
        var pdf = false

        func run() async throws {
            let report = try await BookCommand.build(book, checkLinks: false, pdf: pdf)
            for line in report.failureLines { printError(line) }
            let cached = report.chapters.filter(\.cached).count
            let usage = report.utilization.map { " \($0.description)." } ?? ""
            print("Built \(report.chapters.count) chapter(s) into \(book.outputDisplay)/ (\(cached) from cache).\(usage)")
            for edition in report.editions { print(edition.summary) }
            if let outcome = report.pdf { print(PDF.summary(outcome)) }
            if let error = report.pdfError { printError("error: \(error)") }
            if report.failed > 0 { printError("\(report.failed) failure(s).") }
            if report.failed > 0 || report.pdfError != nil { throw ExitCode.failure }
        }
    }
}

/// What `build` and `check` share: find the runtime, build with a progress display.
enum BookCommand {
    static func build(_ book: BookOptions, checkLinks: Bool, pdf: Bool = false) async throws -> BuildReport {
        superviseChildren()
        let runtime: RuntimeLocation
        do { runtime = try RuntimeLocation.find() } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        var options = book.builderOptions()
        options.checkLinks = checkLinks
        if pdf { options.pdf = book.pdfOptions() }
        let progress = ConsoleProgress()
        do {
            let report = try await BookBuilder(options: options, runtime: runtime).build(observer: progress)
            progress.finish()
            return report
        } catch {
            progress.finish()
            printError("error: \(error)")
            try exitIfInterrupted()
            throw ExitCode.failure
        }
    }

    /// Ctrl-C and SIGTERM stop the chapter programs and clean up; whatever the chapter
    /// programs leave behind is adopted and ended.
    static func superviseChildren() {
        Interruption.shared.install()
        RunningChildren.shared.adoptOrphans()
    }

    /// Exits with 128 + the signal if the tool was interrupted.
    static func exitIfInterrupted() throws {
        if let signal = Interruption.shared.signal { throw ExitCode(128 + signal) }
    }
}
