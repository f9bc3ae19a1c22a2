import Foundation

/// The chapters folder: `NN-slug.md` chapters in file-name order, and `index.md`, the
/// landing page, whose first heading is the book's title.
public struct BookSource: Sendable {
    public var title: String
    public var landing: Chapter?
    public var chapters: [Chapter]

    /// Loads every chapter. `path` is the folder as the user gave it; diagnostics use it.
    public static func load(directory: URL, path: String) throws -> BookSource {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else {
            throw BookError.chaptersMissing(path)
        }
        let markdown = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        let chapterNames = markdown.filter { $0 != "index.md" && $0 != "README.md" }
        guard !chapterNames.isEmpty else { throw BookError.chaptersMissing(path) }
        func display(_ name: String) -> String {
            path.isEmpty || path == "." ? name : (path.hasSuffix("/") ? path + name : path + "/" + name)
        }
        let chapters = try chapterNames.map {
            try Chapter.load(url: directory.appendingPathComponent($0), path: display($0))
        }
        var landing: Chapter? = nil
        if markdown.contains("index.md") {
            landing = try Chapter.load(url: directory.appendingPathComponent("index.md"), path: display("index.md"))
        }
        return BookSource(title: landing?.title ?? "The book", landing: landing, chapters: chapters)
    }

    /// The chapter a user means by `name`: a path, a file name (with or without `.md`)
    /// or a number (`3`, `03`).
    public static func find(_ name: String, in directory: URL, path: String) throws -> Chapter {
        let fm = FileManager.default
        if name.hasSuffix(".md"), fm.fileExists(atPath: name) {
            return try Chapter.load(url: URL(fileURLWithPath: name), path: name)
        }
        let source = try load(directory: directory, path: path)
        if let number = Int(name), let chapter = source.chapters.first(where: { $0.number == number }) {
            return chapter
        }
        let base = URL(fileURLWithPath: name).lastPathComponent
        let slug = base.hasSuffix(".md") ? String(base.dropLast(3)) : base
        if let chapter = source.chapters.first(where: { $0.slug == slug }) { return chapter }
        throw BookError.chapterNotFound(name)
    }
}
