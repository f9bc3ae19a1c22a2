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
    /// A one-sentence summary for the landing page (plain text), if the chapter has one.
    public var summary: String?
    /// The chapter's `##`/`###` headings, in order, for the table of contents.
    public var sections: [Section]
    /// The chapter body: prose and blocks, escaped HTML following the conventions above.
    public var bodyHTML: String
    /// Plain text of the page for the search index.
    public var searchText: String
    /// True when a block failed or an expectation did not hold.
    public var hasFailures: Bool

    public struct Section: Sendable {
        public var level: Int
        public var id: String
        public var title: String
        public init(level: Int, id: String, title: String) {
            self.level = level; self.id = id; self.title = title
        }
    }

    public init(slug: String, title: String, summary: String? = nil, sections: [Section],
                bodyHTML: String, searchText: String, hasFailures: Bool) {
        self.slug = slug; self.title = title; self.summary = summary; self.sections = sections
        self.bodyHTML = bodyHTML; self.searchText = searchText; self.hasFailures = hasFailures
    }
}

/// The whole book: its title, the landing page's body and the chapters in order.
public struct BookSite: Sendable {
    public var title: String
    public var landingHTML: String
    public var chapters: [ChapterPage]
    public init(title: String, landingHTML: String, chapters: [ChapterPage]) {
        self.title = title; self.landingHTML = landingHTML; self.chapters = chapters
    }
}
