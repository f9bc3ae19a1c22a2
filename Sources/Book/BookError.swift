import Foundation

/// Everything that can stop the book pipeline, each case naming the file, folder,
/// package or value at fault so the message alone says what to fix. (Problems inside
/// a chapter are not errors of the tool: they are `ChapterFailure`s on its page.)
public enum BookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The notebook runtime is not next to the tool.
    case runtimeMissing(searched: String)
    case chaptersMissing(String)
    case chapterNotFound(String)
    /// Reading, writing or moving a file failed; the message names it.
    case io(String)
    /// A folder the tool will not write into or remove: `what` it was to be (the book,
    /// the results cache) and why not.
    case unsafeFolder(path: String, what: String, reason: String)
    /// A JavaScript library the book ships offline is not installed.
    case missingPackage(package: String, expectedPath: String)
    /// The user's theme folder does not exist.
    case themeDirectoryNotFound(path: String)
    /// Neither the user's theme folder nor the built-in theme has this file.
    case missingThemeFile(name: String, searched: [String])
    /// A theme template is malformed or cannot be rendered, at `line` when known.
    case template(file: String, line: Int?, message: String)
    /// A chapter's slug cannot become a page's file name.
    case invalidSlug(String, reason: String)
    /// Writing or copying a file of the book failed.
    case writing(path: String, reason: String)
    /// `chapters/book.toml` cannot be read or says something the tool cannot do.
    case settings(path: String, line: Int?, column: Int?, message: String)
    /// A gettext catalog (`chapters/ko/results.po`, a theme's `locales/ko.po`) cannot be read.
    case catalog(path: String, line: Int?, column: Int?, message: String)
    /// The PDF needs Chromium, and `name` is not installed (`searched` are the folders
    /// looked in).
    case chromiumMissing(name: String, searched: [String])
    /// Making the PDF failed; the message says where (the chapter, when one is at fault).
    case printing(String)

    public var description: String {
        switch self {
        case .runtimeMissing(let dir):
            return
                "the notebook runtime (libNotebookRuntime.so and Modules/Notebook.swiftmodule) is not in \(dir); run `swift build -c release` first (or set TUTORIAL_RUNTIME_DIR)"
        case .chaptersMissing(let dir):
            return "no chapters: \(dir) holds no .md files"
        case .chapterNotFound(let name):
            return "no chapter matches '\(name)' (give a path, a file name or a chapter number)"
        case .io(let message):
            return message
        case .unsafeFolder(let path, let what, let reason):
            return "refusing to use \(path) for the \(what): \(reason)"
        case .missingPackage(let package, let path):
            return "\(path) not found: the book's pages need the Debian package \(package) "
                + "(install it with `apt-get install \(package)`, or run scripts/setup-system.sh)"
        case .themeDirectoryNotFound(let path):
            return "theme folder \(path) not found (it overrides files of the built-in theme; see Sources/Book/Theme/README.md)"
        case .missingThemeFile(let name, let searched):
            return "theme file \(name) not found (looked in \(searched.joined(separator: ", ")))"
        case .template(let file, let line, let message):
            return "theme template \(file)\(line.map { ":\($0)" } ?? ""): \(message)"
        case .invalidSlug(let slug, let reason):
            return "chapter slug \"\(slug)\": \(reason)"
        case .writing(let path, let reason):
            return "writing \(path): \(reason)"
        case .settings(let path, let line, let column, let message), .catalog(let path, let line, let column, let message):
            return SourceLocation(file: path, line: line, column: line == nil ? nil : column).description + ": " + message
        case .chromiumMissing(let name, let searched):
            return "cannot make the PDF: the browser \(name) was not found (looked in \(searched.joined(separator: ", "))); "
                + "the PDF is printed by headless Chromium: install the Debian package \(Chromium.package) "
                + "(`apt-get install \(Chromium.package)`, or run scripts/setup-system.sh), or set CHROMIUM to the browser's path"
        case .printing(let message):
            return "cannot make the PDF: \(message)"
        }
    }
}
