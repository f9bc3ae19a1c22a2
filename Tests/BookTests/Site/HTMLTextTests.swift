import Foundation
import Testing
@testable import Book

@Suite("HTMLText")
struct HTMLTextTests {
    @Test func escapesEveryMarkupCharacter() {
        #expect(HTMLText.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("정확도 ≤ 1") == "정확도 ≤ 1")
    }

    @Test func decodesEntities() {
        #expect(HTMLText.decodeEntities("a &lt; b &amp;&amp; c &#39;d&#39; &#x1F600; &unknown; & e") == "a < b && c 'd' 😀 &unknown; & e")
    }

    @Test func plainTextDropsTagsAndFigures() {
        let html = "<p>Loss <b>falls</b>.</p><figure><svg><text>0.5</text></svg><figcaption>Figure 1.</figcaption></figure><script>x()</script>"
        #expect(HTMLText.plainText(html) == "Loss falls . Figure 1.")
        // `<svgx>` is not an <svg> element.
        #expect(HTMLText.removingElements("svg", from: "<svgx>keep</svgx>") == "<svgx>keep</svgx>")
    }

    @Test func searchableTextReadsMathAsWords() {
        let html = "<p>rate <span class=\"math math-inline\">\\eta_{t}</span>, so</p><div class=\"math math-display\">x^2</div>"
        #expect(HTMLText.searchableText(html) == "rate eta_ t, so")
        #expect(HTMLText.readableTeX("\\frac{a}{b} + \\, c") == "frac a b + c")
    }

    @Test func jsonStringIsSafeInsideAScript() {
        #expect(HTMLText.jsonString("</script>\"\\\n\u{2028}") == "\"\\u003c/script\\u003e\\\"\\\\\\n\\u2028\"")
        #expect(HTMLText.jsonString("한국어") == "\"한국어\"")
    }

    @Test func hrefsArePercentEncoded() {
        #expect(HTMLText.href("01 intro.html") == "01%20intro.html")
        #expect(HTMLText.href("a.html", fragment: "x&y") == "a.html#x&amp;y")
    }

    @Test func bodyValuesAreNotTemplateTags() throws {
        let template = Template(name: "t", source: "<main>{{{body}}}</main>")
        let body = "<span class=\"math math-inline\">\\frac{{a}}{b}</span> {{title}}"
        #expect(try template.render(["body": body]) == "<main>\(body)</main>")
    }

    @Test func sectionsNestUnderTheirChapterSection() {
        let sections: [ChapterPage.Section] = [
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
