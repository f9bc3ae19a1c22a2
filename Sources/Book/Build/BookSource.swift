import Foundation

/// The chapters folder: `NN-slug.md` chapters in file-name order, and `index.md`, the
/// landing page, whose first heading is the book's title.
///
/// A chapter that cannot be read, or whose page would take the name of another's page or
/// of one the book writes itself, is kept with an error (`path: error: …`, naming both
/// files): it fails alone, and the other chapters still build. Such a chapter gets no
/// page (`hasPage`).
public struct BookSource: Sendable {
    public var title: String
    public var landing: Chapter?
    public var chapters: [Chapter]
    /// Paths of chapters that fail for their file name and get no page.
    public var withoutPage: Set<String> = []

    /// Whether `chapter` gets a page of its own.
    public func hasPage(_ chapter: Chapter) -> Bool { !withoutPage.contains(chapter.path) }

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
        var chapters = chapterNames.map { loadOrFail(directory.appendingPathComponent($0), path: display($0)) }
        var landing: Chapter? = nil
        if markdown.contains("index.md") {
            landing = try Chapter.load(url: directory.appendingPathComponent("index.md"), path: display("index.md"))
        }
        let withoutPage = failCollidingPages(&chapters)
        return BookSource(
            title: landing?.title ?? "The book", landing: landing, chapters: chapters,
            withoutPage: withoutPage)
    }

    /// The chapter, or an empty one whose only content is why its file cannot be read.
    static func loadOrFail(_ url: URL, path: String) -> Chapter {
        do {
            return Chapter.parse(try ChapterFile.read(url), url: url, path: path)
        } catch {
            return failed(Chapter.parse("", url: url, path: path), "\(error)")
        }
    }

    /// `chapter` marked with a file-level error, so it is not run and its message shows.
    static func failed(_ chapter: Chapter, _ reason: String) -> Chapter {
        var chapter = chapter
        chapter.diagnostics.append(
            ChapterFailure(
                kind: .chapter, location: SourceLocation(file: chapter.path),
                message: "error: " + reason))
        return chapter
    }

    /// Pages the book writes itself, which no chapter's page may replace.
    static let bookPages = ["index": "landing page", "search": "search page"]

    /// Fails each chapter whose page (`slug.html`) would be that of an earlier chapter or
    /// one of the book's own; names are compared ignoring case, as some file systems do.
    /// Returns the paths of those chapters.
    static func failCollidingPages(_ chapters: inout [Chapter]) -> Set<String> {
        var owners: [String: String] = [:]
        var colliding: Set<String> = []
        for i in chapters.indices {
            let page = chapters[i].slug + ".html"
            let name = chapters[i].slug.lowercased()
            if let what = bookPages[name] {
                chapters[i] = failed(chapters[i], "its page \(page) would replace the book's \(what) (\(name).html); rename the file")
                colliding.insert(chapters[i].path)
            } else if let owner = owners[name] {
                chapters[i] = failed(
                    chapters[i], "its page \(page) would replace that of \(owner) (page names ignore case); rename one of the two files")
                colliding.insert(chapters[i].path)
            } else {
                owners[name] = chapters[i].path
            }
        }
        return colliding
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
