import Foundation
import Testing

@testable import Book

@Suite struct MarkdownHTMLTests {
    func body(_ markdown: String) -> ChapterPage {
        let chapter = Chapter.parse(markdown, url: URL(fileURLWithPath: "/t/02-x.md"), path: "chapters/02-x.md")
        return ChapterPageRenderer.render(chapter, result: ChapterResult(blocks: []))
    }

    @Test func wholeDocument() {
        let page = body("# Title\n\nA *b* **c** `d<e>` [link](03-next.md#part).\n\n- one\n- two\n")
        #expect(
            page.bodyHTML == """
                <h1 id="title">Title</h1>
                <p>A <em>b</em> <strong>c</strong> <code>d&lt;e&gt;</code> <a href="03-next.html#part">link</a>.</p>
                <ul>
                <li>one</li>
                <li>two</li>
                </ul>

                """)
        #expect(page.title == "Title")
    }

    @Test func theSummaryKeepsItsMathAsMath() {
        let chapter = Chapter.parse(
            "# T\n\nThe rule $W \\leftarrow W - \\eta g$ & <more>. Second sentence.\n",
            url: URL(fileURLWithPath: "/t/02-x.md"), path: "chapters/02-x.md")
        #expect(chapter.summary == "The rule $W \\leftarrow W - \\eta g$ & <more>.")
        #expect(chapter.summaryHTML == "The rule <span class=\"math math-inline\">W \\leftarrow W - \\eta g</span> &amp; &lt;more&gt;.")
    }

    @Test func aQuoteOpeningWithBoldTextIsACallout() {
        let page = body(
            "> **Swift note.** `xs.map { $0 * 2 }` is a list comprehension.\n\n> **The notes say:** ELU wins.\n\n> Plain **quote.**\n\n> **Bold** but no mark\n"
        )
        #expect(
            page.bodyHTML == """
                <aside class="callout callout-swift-note" role="note">
                <p><strong>Swift note.</strong> <code>xs.map { $0 * 2 }</code> is a list comprehension.</p>
                </aside>
                <aside class="callout callout-the-notes-say" role="note">
                <p><strong>The notes say:</strong> ELU wins.</p>
                </aside>
                <blockquote>
                <p>Plain <strong>quote.</strong></p>
                </blockquote>
                <blockquote>
                <p><strong>Bold</strong> but no mark</p>
                </blockquote>

                """)
    }

    @Test func rawHTMLIsEscapedNotPassedThrough() {
        let page = body("<script>alert(1)</script>\n\nText <b>bold</b> & more\n")
        #expect(!page.bodyHTML.contains("<script>"))
        #expect(page.bodyHTML.contains("&lt;script&gt;"))
        #expect(page.bodyHTML.contains("Text &lt;b&gt;bold&lt;/b&gt; &amp; more"))
    }

    @Test func headingIDsAreUniqueSlugsInAnyScript() {
        let page = body("# T\n\n## Weight decay\n\n## Weight decay\n\n### 한국어 제목!\n")
        #expect(page.sections.map(\.id) == ["weight-decay", "weight-decay-2", "한국어-제목"])
        #expect(page.sections.map(\.level) == [2, 2, 3])
        #expect(page.bodyHTML.contains(#"<h3 id="한국어-제목">한국어 제목!</h3>"#))
    }

    @Test func summaryIsTheFirstSentence() {
        #expect(body("# T\n\nFirst sentence here. Second one.\n").summary == "First sentence here.")
    }
}
