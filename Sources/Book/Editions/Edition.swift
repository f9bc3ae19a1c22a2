import Foundation

/// An edition of the book in another language, as loaded from its folder beside the
/// chapters (`chapters/ko/`):
///
///     index.md           the landing page, translated
///     NN-slug.md         a translation of chapters/NN-slug.md (same file name)
///     glossary.md        a page of this edition alone, listed in book.toml's `pages`
///     results.po         the catalog: translations of the strings the experiments produce
///     images/…           pictures (a source picture is used where the edition has none)
///
/// A translation repeats its source chapter's run blocks verbatim and shows their results;
/// it runs nothing itself.
public struct Edition: Sendable {
    public var settings: BookSettings.EditionSettings
    public var directory: URL
    /// The folder as the user would name it (`chapters/ko`).
    public var path: String
    /// Translations by the source chapter's slug.
    public var translations: [String: Chapter] = [:]
    public var landing: Chapter?
    /// This edition's own pages, in `pages` order.
    public var pages: [Chapter] = []
    public var catalog: Catalog
    public var chrome: PageChrome
    /// What is wrong with the edition's files as such: a file with no source chapter, a
    /// page of its own that runs code, a catalog that cannot be read.
    public var problems: [ChapterFailure] = []
    /// Whether `catalog` was read (a catalog that cannot be read is not checked).
    public var catalogRead = true

    public static let catalogName = "results.po"
    public static let templateName = "results.pot"

    public var language: String { settings.language }
    public var catalogPath: String { path + "/" + Self.catalogName }

    /// Loads the edition `settings` names from its folder in `chapters` (`chaptersPath`
    /// as the user wrote it), matching its files to `source`'s chapters.
    public static func load(
        _ settings: BookSettings.EditionSettings, chapters: URL, chaptersPath: String,
        source: BookSource, theme: URL?
    ) throws -> Edition {
        let directory = chapters.appendingPathComponent(settings.language)
        let base = chaptersPath.isEmpty || chaptersPath == "." ? "" : (chaptersPath.hasSuffix("/") ? chaptersPath : chaptersPath + "/")
        let path = base + settings.language
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BookError.settings(
                path: base + BookSettings.fileName, line: nil, column: nil,
                message: "the edition '\(settings.language)' has no folder \(path)/ (make it, with translations of the chapters named as they are)")
        }
        var edition = Edition(
            settings: settings, directory: directory, path: path,
            catalog: Catalog(path: path + "/" + catalogName), chrome: PageChrome())
        do {
            edition.catalog = try Catalog.load(
                directory.appendingPathComponent(catalogName), path: edition.catalogPath,
                language: settings.language)
        } catch {
            edition.catalogRead = false
            edition.problems.append(Self.problem(error, file: edition.catalogPath))
        }
        do {
            edition.chrome = try PageChrome.load(language: settings.language, theme: Theme(user: theme))
            for problem in edition.chrome.problems() {
                edition.problems.append(
                    ChapterFailure(
                        kind: .translation, location: SourceLocation(file: edition.chrome.catalog?.path ?? "", line: problem.line),
                        message: "error: " + problem.message))
            }
        } catch {
            edition.problems.append(Self.problem(error, file: "locales/\(settings.language).po"))
            edition.chrome = PageChrome(language: settings.language, catalog: nil)
        }

        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        let sourceNames = Dictionary(source.chapters.map { ($0.url.lastPathComponent, $0.slug) }) { a, _ in a }
        for name in names {
            let url = directory.appendingPathComponent(name)
            let chapter = BookSource.loadOrFail(url, path: path + "/" + name)
            if name == "index.md" {
                edition.landing = chapter
            } else if let slug = sourceNames[name] {
                if settings.pages.contains(name) {
                    edition.problems.append(
                        ChapterFailure(
                            kind: .translation, location: SourceLocation(file: chapter.path),
                            message:
                                "error: \(name) is listed in book.toml's pages of this edition, but it is the translation of \(source.chapters.first { $0.slug == slug }?.path ?? name); remove it from pages"
                        ))
                }
                edition.translations[slug] = chapter
            } else if settings.pages.contains(name) {
                var page = chapter
                for block in page.blocks {
                    page.diagnostics.append(
                        ChapterFailure(
                            kind: .translation,
                            location: SourceLocation(file: page.path, line: block.fenceLine, column: block.column),
                            message:
                                "error: a page of this edition alone runs no code (its results would come from no source chapter); show code with ```swift instead"
                        ))
                }
                edition.pages.append(page)
            } else {
                edition.problems.append(
                    ChapterFailure(
                        kind: .translation, location: SourceLocation(file: chapter.path),
                        message:
                            "error: no source chapter \(base)\(name): a translation has its source chapter's file name; a page of this edition alone is listed in book.toml's pages"
                    ))
            }
        }
        for name in settings.pages where !names.contains(name) {
            edition.problems.append(
                ChapterFailure(
                    kind: .translation, location: SourceLocation(file: path + "/" + name),
                    message: "error: book.toml lists \(name) in this edition's pages, but there is no such file"))
        }
        edition.pages.sort { a, b in
            (settings.pages.firstIndex(of: a.url.lastPathComponent) ?? 0) < (settings.pages.firstIndex(of: b.url.lastPathComponent) ?? 0)
        }
        return edition
    }

    private static func problem(_ error: Error, file: String) -> ChapterFailure {
        if case BookError.catalog(let path, let line, let column, let message) = error {
            return ChapterFailure(kind: .translation, location: SourceLocation(file: path, line: line, column: column), message: "error: " + message)
        }
        return ChapterFailure(kind: .translation, location: SourceLocation(file: file), message: "error: \(error)")
    }

    /// The translation of a string an experiment of chapter `slug` produced: the catalog's
    /// (an entry with `msgctxt "slug"` first), else the string itself.
    func translate(_ text: String, in slug: String) -> String {
        catalog.translation(of: text, context: slug) ?? text
    }
}
