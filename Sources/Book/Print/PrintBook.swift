import Foundation

/// The whole book on one page, for printing: the introduction and every chapter
/// rendered with `PageOptions.wholeBook`, so that their ids can share the page and links
/// between chapters stay inside it. `SiteWriter` lays it out as `print.html` (the
/// theme's `print.html` template) and `BookPrinter` prints that page to `book.pdf`.
public struct PrintBook: Sendable {
    /// `index.md` without its title (the print book opens with a title page of its
    /// own), its ids prefixed `index/`; nil when the book has no `index.md`.
    public var introduction: LandingPage?
    public var chapters: [ChapterPage]

    public init(introduction: LandingPage?, chapters: [ChapterPage]) {
        self.introduction = introduction
        self.chapters = chapters
    }

    /// The id of the introduction on the page; chapters have their slugs.
    public static let introductionID = "index"

    /// Renders `source` with `results` (as `BookSite.init(_:results:options:)`, in the
    /// same order) for the one page.
    public init(_ source: BookSource, results: [ChapterResult], options: PageOptions = PageOptions()) {
        var options = options
        options.wholeBook = true
        // As on the pages: a chapter whose page name is taken gets none.
        chapters = source.chapters.enumerated().filter { source.hasPage($0.element) }.map { index, chapter in
            ChapterPageRenderer.render(
                chapter, result: results.indices.contains(index) ? results[index] : ChapterResult(blocks: []),
                options: options)
        }
        introduction = source.landing.map { landing in
            var renderer = MarkdownHTML(landing)
            renderer.idPrefix = Self.introductionID + "/"
            renderer.dropsTitle = true
            var page = LandingPage()
            (page.bodyHTML, page.search) = renderer.render()
            (page.links, page.anchors) = (renderer.links, Set(renderer.anchors))
            return page
        }
    }
}
