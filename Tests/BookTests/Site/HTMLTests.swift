import Foundation
import Testing
@testable import Book

@Suite("HTML")
struct HTMLTests {
    @Test func escapesEveryMarkupCharacter() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTML.escape("정확도 ≤ 1") == "정확도 ≤ 1")
    }

    @Test func searchTextReadsMathAsWords() {
        #expect(SearchText.readableTeX("\\frac{a}{b} + \\, c") == "frac a b + c")
        let chapter = Chapter.parse("# T\n\nrate $\\eta_{t}$, so\n\n$$x^2$$\n\n## Next\n\nmore `code`\n",
                                    url: URL(fileURLWithPath: "/t/01.md"), path: "01.md")
        var renderer = MarkdownHTML(chapter)
        #expect(renderer.render().search == [
            SearchSection(id: nil, title: nil, text: "rate eta_ t, so"),
            SearchSection(id: "next", title: "Next", text: "more code"),
        ])
    }

    @Test func searchIndexIsSafeInsideAScript() throws {
        let site = BookSite(title: "T", landing: LandingPage(search: [SearchSection(id: nil, title: nil, text: "</script>\"\\\n\u{2028} 한국어")]),
                            chapters: [])
        let js = try SearchIndex(site: site).javaScript()
        #expect(!js.contains("</script>"))
        #expect(js.contains(#""text":"\u003c/script\u003e\"\\\n\u2028 한국어""#))
    }

    @Test func hrefsArePercentEncoded() {
        #expect(HTML.href("01 intro.html") == "01%20intro.html")
        #expect(HTML.href("a.html", fragment: "x&y") == "a.html#x&amp;y")
    }

    @Test func sectionsNestUnderTheirChapterSection() {
        let sections: [Heading] = [
            .init(level: 3, id: "early", title: "Early"),
            .init(level: 2, id: "a", title: "A"),
            .init(level: 3, id: "a1", title: "A1"),
            .init(level: 3, id: "a2", title: "A2"),
            .init(level: 4, id: "deep", title: "Deep"),
            .init(level: 2, id: "b", title: "B"),
        ]
        let html = SiteWriter.sectionList(sections, file: "c.html")
        let link = { (id: String, title: String) in "<a href=\"c.html#\(id)\" data-section=\"\(id)\">\(title)</a>" }
        #expect(html == "<ol class=\"toc-sections\">"
            + "<li class=\"toc-section level-3\">\(link("early", "Early"))</li>"
            + "<li class=\"toc-section level-2\">\(link("a", "A"))<ol class=\"toc-subsections\">"
            + "<li class=\"toc-section level-3\">\(link("a1", "A1"))</li>"
            + "<li class=\"toc-section level-3\">\(link("a2", "A2"))</li></ol></li>"
            + "<li class=\"toc-section level-2\">\(link("b", "B"))</li></ol>")
    }
}
