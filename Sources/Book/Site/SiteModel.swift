import Foundation

// The boundary between the pipeline (which turns a chapter into body HTML) and the
// site writer (which lays pages out with navigation, assets and search).
//
// Body HTML conventions the theme styles (all text inside already escaped):
//   <section class="block" id="block-N">            one `swift run` block
//     <pre class="code"><code class="language-swift">…</code></pre>
//     <div class="results">…</div>                   everything the block produced
//       <pre class="output">…</pre>                  printed text
//       <figure class="figure" id="fig-ID"> svg <figcaption>Figure N. …</figcaption></figure>
//       <table class="result-table" id="tab-ID"><caption>Table N. …</caption>…</table>
//       <div class="expectation passed|failed">…</div>
//       <div class="block-error">file:line:col: message</div>
//       <div class="not-run">…</div>
//   <span class="math math-inline">TeX</span>, <div class="math math-display">TeX</div>
//   headings carry ids: <h2 id="slug">…</h2>

/// One chapter, ready to be laid out.
public struct ChapterPage: Sendable {
    /// File name without extension, e.g. `03-weight-initialization`; the page is `slug.html`.
    public var slug: String
    /// Plain text of the first `#` heading.
    public var title: String
    /// A one-sentence summary for the landing page, as HTML (escaped; math as
    /// `<span class="math math-inline">`), if the chapter has one.
    public var summary: String?
    /// The chapter's `##`/`###` headings, in order, for the table of contents.
    public var sections: [Heading]
    /// The chapter body: prose and blocks, escaped HTML following the conventions above.
    public var bodyHTML: String
    /// The page's text for the search index, by section.
    public var search: [SearchSection]
    /// The chapter's failures (`Chapter.failures(of:)`): the banner lists them.
    public var failures: [ChapterFailure]
    /// Where the body's links lead (`href` and `src`, as written in the page) and the ids
    /// of its elements, for the link check.
    public var links: [String] = []
    public var anchors: Set<String> = []
    /// In an edition: the page shows the source chapter, not yet translated.
    public var isUntranslated = false
    /// For the language switch, by the other edition's language: where each section of
    /// this page is on that edition's page, as `id=otherId` pairs (see `SectionMap`).
    public var sectionMaps: [String: String] = [:]

    public var hasFailures: Bool { !failures.isEmpty }

    public init(
        slug: String, title: String, summary: String? = nil, sections: [Heading],
        bodyHTML: String, search: [SearchSection], failures: [ChapterFailure] = []
    ) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.sections = sections
        self.bodyHTML = bodyHTML
        self.search = search
        self.failures = failures
    }
}

/// The landing page's body, from `chapters/index.md`.
public struct LandingPage: Sendable {
    public var bodyHTML = ""
    public var search: [SearchSection] = []
    public var links: [String] = []
    public var anchors: Set<String> = []
    /// In an edition: the landing page is the source's, not yet translated.
    public var isUntranslated = false
    public var sectionMaps: [String: String] = [:]

    public init(bodyHTML: String = "", search: [SearchSection] = []) {
        self.bodyHTML = bodyHTML
        self.search = search
    }
}

/// The whole book: its title, the landing page and the chapters in order, and the
/// same on one page for printing; in a book with editions, one edition of it.
public struct BookSite: Sendable {
    public var title: String
    public var landing: LandingPage
    public var chapters: [ChapterPage]
    /// Pages only this edition has (a glossary), after the chapters, unnumbered.
    public var pages: [ChapterPage] = []
    /// Which edition this is, its chrome, and the book's other editions.
    public var edition = SiteEdition()
    /// The print version, written as `print.html` (none is written when nil).
    public var print: PrintBook?

    public init(title: String, landing: LandingPage, chapters: [ChapterPage], print: PrintBook? = nil) {
        self.title = title
        self.landing = landing
        self.chapters = chapters
        self.print = print
    }
}

/// The language of a `BookSite` and where it lies among the book's editions.
public struct SiteEdition: Sendable {
    /// The language of the pages (`lang`), and the chrome in it.
    public var language = "en"
    public var chrome = PageChrome()
    /// The folder under the output this edition is written to: nil for the source
    /// edition (the output itself), `ko` for `output/ko/`.
    public var folder: String?
    /// The source edition's language and name (for pages shown untranslated).
    public var sourceLanguage = "en"
    public var sourceName = "English"
    /// Every edition of the book, the source first, for the language switch; empty for a
    /// book in one language.
    public var all: [Link] = []

    public struct Link: Sendable, Equatable {
        public var language: String
        public var name: String
        public var folder: String?

        public init(language: String, name: String, folder: String?) {
            self.language = language
            self.name = name
            self.folder = folder
        }
    }

    public init() {}

    /// From a page of this edition to the book's top folder: `""` or `"../"`.
    public var root: String { folder == nil ? "" : "../" }

    /// The search documents' file under `assets/`.
    public var searchIndexFile: String { folder.map { "search-index.\($0).js" } ?? "search-index.js" }
}
