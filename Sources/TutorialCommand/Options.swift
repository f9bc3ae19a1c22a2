import ArgumentParser
import Book
import Foundation

/// Where the book comes from and goes to; shared by `build`, `check` and `clean`.
///
/// Defaults are resolved beside the chapters folder, wherever the command runs:
/// `--chapters ../other/chapters` writes `../other/output` and `../other/.tutorial-cache`.
struct BookOptions: ParsableArguments {
    @Option(help: "The folder of chapters (NN-slug.md files and index.md).")
    var chapters = "chapters"

    @Option(
        help: ArgumentHelp(
            "The folder the HTML book is written to (default: output/ beside the chapters folder).",
            discussion:
                "It must be absent, empty or a book `tutorial build` wrote (it carries a .tutorial-book stamp); every build replaces it whole."))
    var output: String?

    @Option(help: "The folder of cached results (default: .tutorial-cache/ beside the chapters folder).")
    var cache: String?

    @Flag(help: "Run every chapter again (and print the PDF again), ignoring cached results.")
    var force = false

    @Option(help: "The CPU budget: how many threads compile and run chapters at once, replicates included (default: the number of cores).")
    var jobs: Int?

    @Option(help: "A theme folder whose files override the built-in templates, CSS and JS.")
    var theme: String?

    @Flag(
        help: ArgumentHelp(
            "Fail for every source chapter an edition has not translated yet (by default they are listed).",
            discussion: "Editions are set in chapters/book.toml; see the README's Editions section."))
    var strictEditions = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if output?.isEmpty == true { throw ValidationError("--output is empty: name the folder the book goes to") }
        if cache?.isEmpty == true { throw ValidationError("--cache is empty: name the folder for cached results") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: chapters, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no chapters folder at '\(chapters)' (use --chapters DIR)")
        }
    }

    var chaptersURL: URL { URL(fileURLWithPath: chapters) }

    /// The folder that holds the chapters folder: where default outputs go.
    private var bookFolder: URL { chaptersURL.standardizedFileURL.deletingLastPathComponent() }

    var outputURL: URL { output.map { URL(fileURLWithPath: $0) } ?? bookFolder.appendingPathComponent("output") }

    var cacheURL: URL { cache.map { URL(fileURLWithPath: $0) } ?? bookFolder.appendingPathComponent(".tutorial-cache") }

    /// The output folder as a user would write it: relative to the current folder when
    /// it lies inside it.
    var outputDisplay: String { displayPath(outputURL) }

    var folders: BookFolders { BookFolders(chapters: chaptersURL, output: outputURL, cache: cacheURL) }

    func pdfOptions() -> BookPDF.Options {
        var options = BookPDF.Options()
        options.force = force
        let chapters = self.chapters
        options.chapterName = { slug in (chapters.hasSuffix("/") ? chapters : chapters + "/") + slug + ".md" }
        return options
    }

    func builderOptions() -> BookBuilder.Options {
        var options = BookBuilder.Options(
            chapters: chaptersURL, chaptersPath: chapters,
            output: outputURL, cache: cacheURL)
        options.force = force
        if let jobs { options.jobs = jobs }
        options.themeDirectory = theme.map { URL(fileURLWithPath: $0) }
        options.strictEditions = strictEditions
        return options
    }
}

/// `url` relative to the current folder when it lies inside it, else absolute.
func displayPath(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    if path == current { return "." }
    if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) }
    return path
}

/// Prints to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
