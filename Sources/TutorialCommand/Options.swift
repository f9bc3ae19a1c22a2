import ArgumentParser
import Book
import Foundation

/// Where the book comes from and goes to; shared by `build`, `check` and `run`.
struct BookOptions: ParsableArguments {
    @Option(help: "The folder of chapters (NN-slug.md files and index.md).")
    var chapters = "chapters"

    @Option(help: "The folder the HTML book is written to.")
    var output = "output"

    @Option(help: "The folder of cached results (default: .tutorial-cache beside the chapters folder).")
    var cache: String?

    @Flag(help: "Run every chapter again, ignoring cached results.")
    var force = false

    @Option(help: "The CPU budget: how many threads compile and run chapters at once, replicates included (default: the number of cores).")
    var jobs: Int?

    @Option(help: "A theme folder whose files override the built-in templates, CSS and JS.")
    var theme: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: chapters, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no chapters folder at '\(chapters)' (use --chapters DIR)")
        }
    }

    var chaptersURL: URL { URL(fileURLWithPath: chapters) }

    var cacheURL: URL {
        if let cache { return URL(fileURLWithPath: cache) }
        return chaptersURL.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".tutorial-cache")
    }

    func builderOptions() -> BookBuilder.Options {
        var options = BookBuilder.Options(chapters: chaptersURL, chaptersPath: chapters,
                                          output: URL(fileURLWithPath: output), cache: cacheURL)
        options.force = force
        if let jobs { options.jobs = jobs }
        options.themeDirectory = theme.map { URL(fileURLWithPath: $0) }
        return options
    }
}

/// Prints to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
