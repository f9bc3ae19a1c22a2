import Foundation
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
        let chapter = Chapter.parse(
            "# T\n\nSee $a_1 * b_2$ and\n\n$$\\frac{x}{y}_{*}$$\n",
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
        let chapter = Chapter.parse(
            "# T\n\n$$\na\nb\n$$\n\n```swift run\nprint(1)\n```\n",
            url: .init(fileURLWithPath: "/t/01.md"), path: "01.md")
        #expect(chapter.blocks.first?.fenceLine == 8)
        #expect(chapter.blocks.first?.codeLine == 9)
    }
}

/// Math protection leaves alone exactly what cmark calls code: fences inside lists and
/// quotes and indented code included, since the code lines come from cmark's own tree.
@Suite struct MathInCodeTests {
    func chapter(_ markdown: String) -> Chapter {
        Chapter.parse(markdown, url: URL(fileURLWithPath: "/t/01.md"), path: "01.md")
    }

    func body(_ markdown: String) -> String {
        ChapterPageRenderer.render(chapter(markdown), result: ChapterResult(blocks: [])).bodyHTML
    }

    @Test func fencesInListsAndQuotesAreCode() {
        let list = body("- item\n\n  ```swift\n  let s = \"$a$ and $b$\"\n  ```\n- $x$ is math\n")
        #expect(list.contains("let s = &quot;$a$ and $b$&quot;"))
        #expect(list.contains(#"<span class="math math-inline">x</span> is math"#))
        let quote = body("> ```\n> cost: $5 or $6$\n> ```\n>\n> and $y$\n")
        #expect(quote.contains("cost: $5 or $6$"))
        #expect(quote.contains(#"<span class="math math-inline">y</span>"#))
    }

    @Test func indentedCodeIsCode() {
        let html = body("Text $z$.\n\n    let m = \"$x$\"\n    print(m)\n\nAfter.\n")
        #expect(html.contains("<pre class=\"code\"><code>let m = &quot;$x$&quot;\nprint(m)\n</code></pre>"))
        #expect(html.contains(#"<span class="math math-inline">z</span>"#))
    }

    @Test func runBlocksInListsAreFoundAndUnclosedFencesInQuotesNamed() {
        let inList = chapter("1. step\n\n   ```swift run\n   print(1)\n   ```\n")
        #expect(inList.blocks.map(\.code) == ["print(1)\n"])
        #expect(inList.blocks.first?.fenceLine == 3)
        #expect(inList.blocks.first?.column == 4)
        let unclosed = chapter("# T\n\n> ```swift run\n> print(1)\n\nafter\n")
        #expect(
            unclosed.diagnostics.map(\.description) == [
                "01.md:3:3: error: unclosed code fence: the block opened here runs to the end of the chapter; close it with a line of backticks"
            ])
        // A longer closing fence closes; a shorter one does not.
        #expect(chapter("````swift run\nprint(1)\n`````\n").diagnostics.isEmpty)
        #expect(chapter("````swift run\nprint(1)\n```\n").diagnostics.count == 1)
        // Indented code that starts with backticks is not a fence.
        #expect(chapter("Text.\n\n    ```\n    code\n").diagnostics.isEmpty)
    }
}
