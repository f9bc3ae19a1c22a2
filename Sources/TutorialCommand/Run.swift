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

        @Option(
            help: ArgumentHelp(
                "Where figures are written as SVG files (default: a folder under the system's temporary folder).",
                discussion:
                    "It must be absent, empty or a folder `tutorial run` wrote (it carries a .tutorial-figures stamp); the previous run's figure-*.svg files there are replaced, nothing else is touched."
            ))
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
            let figureDirectory = URL(
                fileURLWithPath: figures
                    ?? (NSTemporaryDirectory() + "tutorial-figures-\(getuid())/" + loaded.slug))
            do {
                try FigureFolder.prepare(figureDirectory, chapters: URL(fileURLWithPath: chapters))
            } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            let printer = TerminalResults(chapter: loaded, figureDirectory: figureDirectory)
            let failed = await printer.run(runtime: runtime)
            try BookCommand.exitIfInterrupted()
            if failed { throw ExitCode.failure }
        }
    }
}
