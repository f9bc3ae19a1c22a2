import Testing
@testable import Book

@Suite struct MathProtectionTests {
    func spans(_ text: String) -> [MathSpan] { ProtectedMarkdown.protect(text).spans }

    @Test func inlineMathKeepsUnderscoresAsterisksAndBackslashes() {
        let tex = #"W_{t+1} = W_t - \eta g_t * x_i * y_j"#
        #expect(spans("The update $" + tex + "$ here.") == [MathSpan(tex: tex, display: false)])
    }

    @Test func displayMathSpansLines() {
        let found = spans("Before\n\n$$\n\\sum_i a_i\n$$\n\nAfter")
        #expect(found == [MathSpan(tex: "\n\\sum_i a_i\n", display: true)])
    }

    @Test func escapedDollarsPricesAndCodeAreNotMath() {
        #expect(spans(#"It costs \$5 and \$6."#).isEmpty)
        #expect(spans("From $5 to $6.").isEmpty)
        #expect(spans("Code `let s = \"$x$\"` stays.").isEmpty)
        #expect(spans("```swift\nlet a = \"$x$\"\n```\n").isEmpty)
        #expect(spans("A lone $ sign").isEmpty)
    }

    @Test func mathDoesNotCrossABlankLine() {
        #expect(spans("Open $x\n\nclose$").isEmpty)
    }

    @Test func renderedPageKeepsTheTeXExactly() throws {
        let chapter = Chapter.parse("# T\n\nSee $a_1 * b_2$ and\n\n$$\\frac{x}{y}_{*}$$\n",
                                    url: .init(fileURLWithPath: "/t/01-t.md"), path: "chapters/01-t.md")
        let page = ChapterPageRenderer.render(chapter, result: ChapterResult(blocks: []))
        #expect(page.bodyHTML.contains(#"<span class="math math-inline">a_1 * b_2</span>"#))
        #expect(page.bodyHTML.contains(#"<div class="math math-display">\frac{x}{y}_{*}</div>"#))
        #expect(!page.bodyHTML.contains("<em>"))
    }

    @Test func texIsHTMLEscaped() {
        let chapter = Chapter.parse("$a < b$", url: .init(fileURLWithPath: "/t/01.md"), path: "01.md")
        let page = ChapterPageRenderer.render(chapter, result: ChapterResult(blocks: []))
        #expect(page.bodyHTML.contains(#"<span class="math math-inline">a &lt; b</span>"#))
    }
}

@Suite struct MathLineMapTests {
    @Test func blockLinesCountTheLinesOfDisplayMath() {
        let chapter = Chapter.parse("# T\n\n$$\na\nb\n$$\n\n```swift run\nprint(1)\n```\n",
                                    url: .init(fileURLWithPath: "/t/01.md"), path: "01.md")
        #expect(chapter.blocks.first?.fenceLine == 8)
        #expect(chapter.blocks.first?.codeLine == 9)
    }
}
