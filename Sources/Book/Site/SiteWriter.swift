import Foundation

/// Lays out a `BookSite` as a static HTML book: a landing page, one page per chapter, a
/// search page, and `assets/` with the theme's CSS and JavaScript, KaTeX with its fonts,
/// highlight.js and lunr. Every link is relative, so the book reads the same from
/// `file://` and from any static server; nothing is fetched from the network.
///
/// Output files:
///
///     index.html            landing page: the book's introduction and the chapter list
///     <slug>.html           one per chapter, in the order of `BookSite.chapters`
///     search.html           search results (`search.html?q=words`)
///     print.html            the whole book on one page, for printing (`BookSite.print`)
///     assets/book.css, book.js, search.js   the theme's (or the user's) own files
///     assets/search-index.js                the documents search runs over
///     assets/katex/, assets/highlight/, assets/lunr/   copied from Debian's packages
///
/// The same `BookSite` always gives byte-identical files: no dates, stable order.
public struct SiteWriter {
    /// A user's theme folder, laid over the built-in theme file by file.
    public var themeDirectory: URL?
    /// Where Debian puts browser libraries (`libjs-katex`, `libjs-highlight.js`, `libjs-lunr`).
    public var javascriptDirectory: URL
    /// Scripts every page loads after the book's own (`scripts` in the templates), as
    /// URLs: what a preview server adds to the pages it serves. Empty for a built book.
    public var scripts: [String] = []

    public init(
        themeDirectory: URL? = nil,
        javascriptDirectory: URL = URL(fileURLWithPath: "/usr/share/javascript"),
        scripts: [String] = []
    ) {
        self.themeDirectory = themeDirectory
        self.javascriptDirectory = javascriptDirectory
        self.scripts = scripts
    }

    /// Writes the book into `directory` (created if needed; files already there with the
    /// same names are replaced, others are left alone). An edition (`site.edition.folder`,
    /// say `ko`) is written into `directory/ko/`, its search documents beside the
    /// source's in `directory/assets/`; it shares the assets the source edition's write
    /// put there.
    public func write(_ site: BookSite, to directory: URL) throws {
        try Self.validateSlugs(site.chapters + site.pages)
        if let themeDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: themeDirectory.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw BookError.themeDirectoryNotFound(path: themeDirectory.path)
            }
        }
        let theme = Theme(user: themeDirectory)
        let assets = directory.appendingPathComponent("assets")

        if site.edition.folder == nil {
            for library in VendorLibrary.all {
                try library.copy(from: javascriptDirectory, into: assets)
            }
            for path in theme.assetPaths() {
                try FileCopier.copy(try theme.url("assets/" + path), to: assets.appendingPathComponent(path))
            }
        }
        for (path, text) in try generatedFiles(site, theme: theme).sorted(by: { $0.key < $1.key }) {
            try FileCopier.write(text, to: directory.appendingPathComponent(path))
        }
    }

    /// The files made from the book's content, by path relative to the output: every
    /// page and `assets/search-index.js`, as `write(_:to:)` writes them (the copied
    /// theme files and libraries are not among them). `tutorial serve` rewrites only
    /// those whose text changed.
    /// An edition's pages are under its folder (`ko/…`) and its search documents are
    /// `assets/search-index.ko.js`.
    public func generatedFiles(_ site: BookSite) throws -> [String: String] {
        try Self.validateSlugs(site.chapters + site.pages)
        return try generatedFiles(site, theme: Theme(user: themeDirectory))
    }

    private func generatedFiles(_ site: BookSite, theme: Theme) throws -> [String: String] {
        var files = ["assets/" + site.edition.searchIndexFile: try SearchIndex(site: site).javaScript()]
        let folder = site.edition.folder.map { $0 + "/" } ?? ""
        let templates = try ThemeTemplates(theme)
        for (index, chapter) in site.chapters.enumerated() {
            files[folder + Self.fileName(of: chapter)] = try templates.render("page.html", values(Self.chapterValues(site, index: index)))
        }
        for (index, page) in site.pages.enumerated() {
            files[folder + Self.fileName(of: page)] = try templates.render("page.html", values(Self.pageValues(site, index: index)))
        }
        files[folder + "index.html"] = try templates.render("index.html", values(Self.landingValues(site)))
        files[folder + "search.html"] = try templates.render("search.html", values(Self.searchValues(site)))
        if let print = site.print {
            files[folder + Self.printFileName] = try templates.render("print.html", Self.printValues(site, print))
        }
        return files
    }

    /// The values of a page, with what every page of this writer gets.
    private func values(_ page: [String: Any]) -> [String: Any] {
        var values = page
        values["scripts"] = scripts
        return values
    }

    // MARK: - Template values

    /// Values every template can use.
    static func commonValues(_ site: BookSite, at place: Place) -> [String: Any] {
        var values = navigationValues(site, at: place)
        values["bookTitle"] = site.title
        values.merge(editionValues(site, at: place)) { $1 }
        return values
    }

    static func chapterValues(_ site: BookSite, index: Int) -> [String: Any] {
        let chapter = site.chapters[index]
        var values = commonValues(site, at: .chapter(index))
        values["pageTitle"] = chapter.title
        values["chapterNumber"] = String(index + 1)
        values["chapterLabel"] = site.edition.chrome.format("chapterNumber", index + 1)
        values["slug"] = chapter.slug
        values["body"] = chapter.bodyHTML
        // The pipeline's body normally opens with the chapter's `<h1>`; supply one if not.
        values["titleHeading"] =
            chapter.bodyHTML.contains("<h1")
            ? "" : "<h1>\(HTML.escape(chapter.title))</h1>"
        values.merge(failureValues(chapter, chrome: site.edition.chrome)) { $1 }
        values["failureClass"] = chapter.hasFailures ? "has-failures" : ""
        values["hasFailures"] = chapter.hasFailures
        return values
    }

    /// A page of the edition's own: a chapter page without a number.
    static func pageValues(_ site: BookSite, index: Int) -> [String: Any] {
        let page = site.pages[index]
        var values = commonValues(site, at: .page(index))
        values["pageTitle"] = page.title
        values["slug"] = page.slug
        values["body"] = page.bodyHTML
        values["titleHeading"] = page.bodyHTML.contains("<h1") ? "" : "<h1>\(HTML.escape(page.title))</h1>"
        values["failureClass"] = ""
        values["hasFailures"] = false
        return values
    }

    static func landingValues(_ site: BookSite) -> [String: Any] {
        var values = commonValues(site, at: .landing)
        values["pageTitle"] = site.title
        values["landing"] = site.landing.bodyHTML
        values["titleHeading"] =
            site.landing.bodyHTML.contains("<h1")
            ? "" : "<h1>\(HTML.escape(site.title))</h1>"
        return values
    }

    static func searchValues(_ site: BookSite) -> [String: Any] {
        var values = commonValues(site, at: .search)
        values["pageTitle"] = site.edition.chrome.text("search")
        return values
    }

    // MARK: - Checks

    static let reservedSlugs: Set<String> = ["index", "search", "print"]

    static func validateSlugs(_ chapters: [ChapterPage]) throws {
        var seen = Set<String>()
        for chapter in chapters {
            let slug = chapter.slug
            if slug.isEmpty { throw BookError.invalidSlug(slug, reason: "is empty") }
            if slug.contains("/") || slug.contains("\\") || slug.hasPrefix(".") {
                throw BookError.invalidSlug(slug, reason: "must be a plain file name (no slashes, not starting with a dot)")
            }
            if reservedSlugs.contains(slug.lowercased()) {
                throw BookError.invalidSlug(slug, reason: "is the name of a page the book writes itself (\(slug).html)")
            }
            if !seen.insert(slug.lowercased()).inserted {
                throw BookError.invalidSlug(slug, reason: "is used by two chapters")
            }
        }
    }
}
