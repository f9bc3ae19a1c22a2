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
        let chapter = Chapter.parse(
            "# T\n\nrate $\\eta_{t}$, so\n\n$$x^2$$\n\n## Next\n\nmore `code`\n",
            url: URL(fileURLWithPath: "/t/01.md"), path: "01.md")
        var renderer = MarkdownHTML(chapter)
        #expect(
            renderer.render().search == [
                SearchSection(id: nil, title: nil, text: "rate eta_ t, so"),
                SearchSection(id: "next", title: "Next", text: "more code"),
            ])
    }

    @Test func searchIndexIsSafeInsideAScript() throws {
        let site = BookSite(
            title: "T", landing: LandingPage(search: [SearchSection(id: nil, title: nil, text: "</script>\"\\\n\u{2028} 한국어")]),
            chapters: [])
        let js = try SearchIndex(site: site).javaScript()
        #expect(!js.contains("</script>"))
        #expect(js.contains(#""text":"\u003c/script\u003e\"\\\n\u2028 한국어""#))
    }

    @Test func urlsArePercentEncoded() {
        #expect(HTML.url("01 intro.html") == "01%20intro.html")
        #expect(HTML.url("a.html", fragment: "x&y") == "a.html#x&y")
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
        let tree = SiteWriter.sectionTree(sections, file: "c.html")
        #expect(tree.map { $0["id"] as? String } == ["early", "a", "b"])
        #expect(tree.map { $0["main"] as? Bool } == [false, true, true])
        let nested = tree[1]["subsections"] as? [[String: Any]] ?? []
        #expect(nested.map { $0["id"] as? String } == ["a1", "a2"])
        #expect(nested.map { $0["href"] as? String } == ["c.html#a1", "c.html#a2"])
        #expect(tree.map { $0["hasSubsections"] as? Bool } == [false, true, false])
    }
}
