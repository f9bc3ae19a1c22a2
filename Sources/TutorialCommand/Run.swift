import ArgumentParser
import Book
import Foundation

extension Tutorial {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one chapter and print its results in the terminal.")

        @Argument(help: "The chapter: a path, a file name or a number (3 or 03).")
        var chapter: String

        @Option(help: "The folder of chapters.")
        var chapters = "chapters"

        @Option(help: "Where figures are written as SVG files (default: a folder under the system's temporary folder).")
        var figures: String?

        func run() async throws {
            let runtime: RuntimeLocation
            let loaded: Chapter
            do {
                runtime = try RuntimeLocation.find()
                loaded = try BookSource.find(chapter, in: URL(fileURLWithPath: chapters), path: chapters)
            } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            BookCommand.superviseChildren()
            let figureDirectory = URL(fileURLWithPath: figures
                ?? (NSTemporaryDirectory() + "tutorial-figures/" + loaded.slug))
            let printer = TerminalResults(chapter: loaded, figureDirectory: figureDirectory)
            let failed = await printer.run(runtime: runtime)
            try BookCommand.exitIfInterrupted()
            if failed { throw ExitCode.failure }
        }
    }
}
