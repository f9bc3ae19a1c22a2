import Foundation
import Testing

@testable import Book

/// The print book, `print.html`: the whole book on one page, with ids made unique per
/// chapter, links between chapters kept inside the page, figures as SVG images, the
/// contents ready for page numbers and running heads as CSS. No browser here.
@Suite struct PrintBookTests {
    static func ids(in html: String) -> [String] {
        html.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
    }

    @Test func idsArePrefixedWithTheChapterAndLinksStayInThePage() throws {
        let source = BookSource(
            title: "Links", landing: SampleBook.chapter("index", "# Links\n\nThe [first](01-a.md) chapter.\n\n## About\n"),
            chapters: [
                SampleBook.chapter(
                    "01-a",
                    """
                    # A

                    To [B's section](02-b.md#sec-b), [B](02-b.html), [the start](index.md), [out](https://example.org/x.html),
                    [a picture](images/x.svg) and [here](#sec-a).

                    ## Sec A

                    ```swift run id=named
                    print(1)
                    ```
                    """),
                SampleBook.chapter("02-b", "# B\n\n## Sec B\n\nBack to [A's block](01-a.md#named).\n"),
            ])
        let book = PrintBook(source, results: [])
        let a = book.chapters[0].bodyHTML
        #expect(a.contains(#"<h1 id="01-a/a">"#))
        #expect(a.contains(#"<h2 id="01-a/sec-a">"#))
        #expect(a.contains(#"<section class="block not-run-block" id="01-a/named">"#))
        #expect(a.contains(##"href="#02-b/sec-b""##))
        #expect(a.contains(##"href="#02-b""##))
        #expect(a.contains(##"href="#index""##))
        #expect(a.contains(#"href="https://example.org/x.html""#))
        #expect(a.contains(#"href="images/x.svg""#))
        #expect(a.contains(##"href="#01-a/sec-a""##))
        #expect(book.chapters[1].bodyHTML.contains(##"href="#01-a/named""##))
        #expect(book.chapters[0].sections.map(\.id) == ["01-a/sec-a"])
        #expect(book.chapters[0].anchors.contains("01-a/named"))

        // The introduction loses its title (the title page has it) and gets `index/`.
        let introduction = try #require(book.introduction)
        #expect(!introduction.bodyHTML.contains("<h1"))
        #expect(introduction.bodyHTML.contains(#"<h2 id="index/about">"#))
        #expect(introduction.bodyHTML.contains(##"href="#01-a""##))

        // The chapters' own pages are as before.
        let page = ChapterPageRenderer.render(source.chapters[0], result: ChapterResult(blocks: []))
        #expect(page.bodyHTML.contains(#"<h2 id="sec-a">"#))
        #expect(page.bodyHTML.contains(#"href="02-b.html#sec-b""#))
    }

    @Test func figuresAreSVGImagesSoTheirIDsCannotMeet() throws {
        let site = try SampleBook.site()
        let print = try #require(site.print)
        let body = print.chapters[0].bodyHTML
        #expect(!body.contains("<svg"))
        let image = try #require(body.firstMatch(of: /<img class="figure-image" alt="([^"]*)" src="data:image\/svg\+xml;base64,([^"]*)">/))
        #expect(image.1.hasPrefix("Figure 1."))
        let svg = try #require(Data(base64Encoded: String(image.2)).map { String(decoding: $0, as: UTF8.self) })
        #expect(svg.hasPrefix("<svg") && svg.contains(#"xmlns="http://www.w3.org/2000/svg""#))
        #expect(body.contains(#"<figure class="figure" id="01-learning-from-data/fig-loss">"#))
        // An SVG written without its namespace (as HTML allows) gets it.
        let bare = BlockHTML.image(svg: #"<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>"#, alt: "x")
        let data = try #require(bare.firstMatch(of: /base64,([^"]*)/).flatMap { Data(base64Encoded: String($0.1)) })
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox"#))
    }

    @Test func printPageHasEveryChapterUniqueIDsAndResolvingLinks() throws {
        let site = try SampleBook.site()
        let output = temporaryDirectory("print")
        defer { try? FileManager.default.removeItem(at: output) }
        try SiteWriter().write(site, to: output)
        let html = try read(output.appendingPathComponent("print.html"))

        let ids = Self.ids(in: html)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys)")
        for link in links(in: html) where link.hasPrefix("#") {
            #expect(ids.contains(String(link.dropFirst())), "\(link) leads nowhere in print.html")
        }
        // Title page, contents, introduction, then the chapters in order, each an article.
        let order =
            ["id=\"book-title\"", "id=\"contents\"", "id=\"index\""]
            + site.chapters.map { "<article class=\"chapter print-chapter" + ($0.hasFailures ? " has-failures" : "") + "\" id=\"\($0.slug)\"" }
        let positions = try order.map { try #require(html.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted())
        // The contents asks for the page of every chapter and of every `##` section.
        for chapter in site.chapters {
            #expect(html.contains("data-page-of=\"\(chapter.slug)\""))
            for section in chapter.sections where section.level == 2 {
                #expect(html.contains("data-page-of=\"\(HTML.escape(chapter.slug + "/" + section.id))\""), "\(section.id)")
            }
        }
        // A hidden block's code is in the page (the print style hides it) and failures
        // are marked as on the chapter's page, the banner linking to the block.
        #expect(html.contains("<details class=\"hidden-code\">"))
        #expect(html.contains("<div class=\"failure-banner\""))
        #expect(html.contains("href=\"#02-optimizers/"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"assets/print.css\">"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/print.css").path))
    }

    @Test func runningHeadsAreCSSStringsNoTitleCanBreak() throws {
        #expect(SiteWriter.cssString(#"a "b" </style> \ 한"#) == #""a \22 b\22  \3c \2f style\3e  \5c  한""#)
        let site = try SampleBook.site()
        let output = temporaryDirectory("print")
        defer { try? FileManager.default.removeItem(at: output) }
        try SiteWriter().write(site, to: output)
        let html = try read(output.appendingPathComponent("print.html"))
        let style = try #require(html.firstMatch(of: /<style>([\s\S]*?)<\/style>/)).1
        #expect(style.contains("@page chapter-1 { @top-right { content: \"1 \\b7  Learning from data\"; } }"))
        #expect(style.contains("@page chapter-3"))
        #expect(!style.contains("<script"))
        #expect(html.contains(#"style="page: chapter-3""#))
    }

    @Test func printIsAReservedSlug() {
        let chapter = ChapterPage(slug: "print", title: "P", sections: [], bodyHTML: "", search: [])
        #expect(throws: BookError.self) { try SiteWriter.validateSlugs([chapter]) }
    }
}
