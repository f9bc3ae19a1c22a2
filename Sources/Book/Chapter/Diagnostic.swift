/// A problem with a chapter, located in its Markdown: prints as
/// `chapters/03-x.md:LINE:COLUMN: message`, with the path as given.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// Line 0 is about the whole file: `chapters/03-x.md: error: …`.
    public var description: String { line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)" }
}

/// Errors of the book pipeline that are not about one place in a chapter.
public enum BookError: Error, Sendable, CustomStringConvertible {
    case runtimeMissing(searched: String)
    case packageRootMissing(from: String)
    case chaptersMissing(String)
    case chapterNotFound(String)
    case io(String)
    /// A folder the tool will not write into or remove: `what` it was to be (the book,
    /// the results cache) and why not.
    case unsafeFolder(path: String, what: String, reason: String)

    public var description: String {
        switch self {
        case .runtimeMissing(let dir):
            return "the notebook runtime (libNotebookRuntime.so and Modules/Notebook.swiftmodule) is not in \(dir); run `swift build -c release` first (or set TUTORIAL_RUNTIME_DIR)"
        case .packageRootMissing(let dir):
            return "cannot find the package (Package.swift) above \(dir), whose Sources/CBLAS and Sources/CZlib module maps chapter programs need; set TUTORIAL_PACKAGE_ROOT"
        case .chaptersMissing(let dir):
            return "no chapters: \(dir) holds no .md files"
        case .chapterNotFound(let name):
            return "no chapter matches '\(name)' (give a path, a file name or a chapter number)"
        case .io(let message):
            return message
        case .unsafeFolder(let path, let what, let reason):
            return "refusing to use \(path) for the \(what): \(reason)"
        }
    }
}
