import Foundation
import Testing

@testable import Book

/// A block that prints, draws and checks nothing shows its code alone.
@Suite struct SilentBlockTests {
    @Test func aBlockWithNothingToShowHasNoResultsBox() {
        let markdown = "# T\n\n```swift run\nlet a = 1\n```\n\n```swift run\nprint(a)\n```\n"
        let chapter = Chapter.parse(markdown, url: .init(fileURLWithPath: "/t/01-t.md"), path: "chapters/01-t.md")
        let result = ChapterResult(blocks: [
            BlockResult(status: .ran, items: []),
            BlockResult(status: .ran, items: [.text("1\n")]),
        ])
        let html = ChapterPageRenderer.render(chapter, result: result).bodyHTML
        #expect(html.components(separatedBy: "<div class=\"results\">").count == 2)
        #expect(html.contains("<div class=\"results\">\n<pre class=\"output\">1\n</pre>\n</div>\n</section>"))
        #expect(html.contains("let a = 1\n</code></pre>\n</section>"))
    }
}
