import Foundation
import NotebookProtocol
import Testing

@testable import Book

/// A translation out of date with its source: each kind of change to the run blocks is
/// found and named with both files and lines, and the results a translation shows are
/// the source's, placed in the translation's lines.
@Suite struct EditionDriftTests {
    static let source = """
        # Source

        ```swift run
        let a = 1
        ```

        ```swift run id=two
        let b = 2
        ```

        ```swift run
        let c = 3
        ```
        """

    static func chapter(_ text: String, _ path: String) -> Chapter {
        Chapter.parse(text, url: URL(fileURLWithPath: "/book/" + path), path: path)
    }

    static func drift(_ translation: String) -> [String] {
        let alignment = BlockAlignment(source: chapter(source, "chapters/01-a.md"), translation: chapter(translation, "chapters/ko/01-a.md"))
        return alignment.drift.map(\.description)
    }

    static let prefix = "error: the translation is out of date: "

    @Test func anIdenticalTranslationHasNoDrift() {
        let translation = Self.source.replacingOccurrences(of: "# Source", with: "# 원문\n\n번역한 글.")
        #expect(Self.drift(translation).isEmpty)
    }

    @Test func anEditedBlock() {
        let edited = Self.source.replacingOccurrences(of: "let b = 2", with: "let b = 20")
        #expect(
            Self.drift(edited) == [
                "chapters/ko/01-a.md:7:1: " + Self.prefix
                    + "this block is block 2 of the source, chapters/01-a.md:7, edited: its code differs; copy the source's block verbatim"
            ])
        let options = Self.source.replacingOccurrences(of: "```swift run id=two", with: "```swift run hide id=two")
        #expect(
            Self.drift(options) == [
                "chapters/ko/01-a.md:7:1: " + Self.prefix
                    + "this block is block 2 of the source, chapters/01-a.md:7, edited: its options differ (`swift run id=two` in the source); copy the source's block verbatim"
            ])
    }

    @Test func anAddedBlock() {
        let added = Self.source + "\n\n```swift run\nlet d = 4\n```\n"
        #expect(
            Self.drift(added) == [
                "chapters/ko/01-a.md:15:1: " + Self.prefix
                    + "this block is not in the source chapter chapters/01-a.md; remove it, or add it to the source"
            ])
    }

    @Test func aRemovedBlock() {
        let removed = Self.source.replacingOccurrences(of: "```swift run id=two\nlet b = 2\n```\n", with: "")
        #expect(
            Self.drift(removed) == [
                "chapters/ko/01-a.md:8:1: " + Self.prefix
                    + "block 2 of the source, chapters/01-a.md:7, is missing before this block; copy it here verbatim"
            ])
        let last = Self.source.replacingOccurrences(of: "\n\n```swift run\nlet c = 3\n```", with: "")
        #expect(
            Self.drift(last) == [
                "chapters/ko/01-a.md: " + Self.prefix + "block 3 of the source, chapters/01-a.md:11, is missing at the end; copy it here verbatim"
            ])
    }

    @Test func reorderedBlocks() {
        let reordered = """
            # 원문

            ```swift run
            let c = 3
            ```

            ```swift run
            let a = 1
            ```

            ```swift run id=two
            let b = 2
            ```
            """
        #expect(
            Self.drift(reordered) == [
                "chapters/ko/01-a.md:3:1: " + Self.prefix
                    + "this block is block 3 of the source, chapters/01-a.md:11, which the source has in another place: the blocks are reordered; put them in the source's order"
            ])
    }

    /// The translation shows the source's results, at its own lines; a block that differs
    /// shows none.
    @Test func resultsFollowTheTranslationsBlocks() {
        let source = Self.chapter(Self.source, "chapters/01-a.md")
        let translation = Self.chapter(
            "# 번역\n\n글.\n\n글.\n\n"
                + Self.source.replacingOccurrences(of: "# Source\n", with: "")
                .replacingOccurrences(of: "let c = 3", with: "let c = 30"), "chapters/ko/01-a.md")
        let outcome = ExpectationOutcome(claim: "b is 2", passed: false, detail: "got 3", file: "x", line: 1)
        let result = ChapterResult(blocks: [
            BlockResult(status: .ran, items: [.text("a\n")]),
            BlockResult(status: .ran, items: [.expectation(outcome, location: CodeLocation(block: 1, line: 1, column: 1))]),
            BlockResult(status: .ran, items: [.text("c\n")]),
        ])
        let alignment = BlockAlignment(source: source, translation: translation)
        #expect(alignment.sourceOf == [0, 1, nil])
        let shown = alignment.result(result, source: source, translation: translation)
        let failures = translation.failures(of: shown)
        #expect(failures.map(\.description) == ["chapters/ko/01-a.md:13:1: expectation failed: b is 2 (got 3)"])
        #expect(shown.blocks[2].status == .notRun)
        let page = ChapterPageRenderer.render(translation, result: shown)
        #expect(page.bodyHTML.contains("not shown: this block is not the source chapter&#39;s, so the translation is out of date"))
        #expect(!page.bodyHTML.contains("<pre class=\"output\">c\n</pre>"))
    }
}

/// The words of a drawn chart, replaced in place for an edition.
@Suite struct FigureTextsTests {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" class="plt" id="f"><title id="f-title">Loss &amp; accuracy</title>\
        <text x="10" y="20" text-anchor="middle" font-size="14" font-weight="600">Loss &amp; accuracy</text>\
        <text x="5" y="9">0.5</text><text x="1" y="2" font-size="11">SGD</text>\
        <text x="1" y="3">update</text><textPath>update</textPath></svg>
        """

    @Test func onlyTheChartsWordsAreReplaced() {
        let out = FigureTexts.translate(Self.svg, words: ["Loss & accuracy", "SGD", "update"]) {
            ["Loss & accuracy": "손실과 <정확도>", "SGD": "확률적 경사 하강법 (SGD)", "update": "갱신"][$0] ?? $0
        }
        #expect(out.contains("<title id=\"f-title\">손실과 &lt;정확도&gt;</title>"))
        #expect(out.contains("font-weight=\"600\">손실과 &lt;정확도&gt;</text>"))
        #expect(out.contains("<text x=\"5\" y=\"9\">0.5</text>"))
        #expect(out.contains("<text x=\"1\" y=\"3\">갱신</text>"))
        #expect(out.contains("<textPath>update</textPath>"))
        // Wider than its source: set smaller (never below 70 %).
        #expect(out.contains("<text x=\"1\" y=\"2\" font-size=\"7.7\">확률적 경사 하강법 (SGD)</text>"))
        #expect(FigureTexts.translate(Self.svg, words: []) { _ in "x" } == Self.svg)
        #expect(FigureTexts.translate(Self.svg, words: ["SGD"]) { $0 } == Self.svg)
    }

    @Test func entitiesAreRead() {
        #expect(FigureTexts.unescape("a &lt;b&gt; &#955; &#x3b7; &amp;amp; & x") == "a <b> λ η &amp; & x")
    }
}
