import Foundation
import Testing

@testable import Book

@Suite struct ChapterLoadingTests {
    func load(_ text: String) -> Chapter {
        Chapter.parse(text, url: URL(fileURLWithPath: "/t/03-x.md"), path: "chapters/03-x.md")
    }

    @Test func runBlocksWithOptionsAndLines() {
        let chapter = load(
            "# T\n\n```swift run hide timeout=30 id=loss\nlet a = 1\nlet b = 2\n```\n\n```swift\nshown()\n```\n\n```swift run\nprint(a)\n```\n")
        #expect(chapter.blocks.count == 2)
        #expect(chapter.blocks[0].options == BlockOptions(hide: true, timeout: 30, id: "loss"))
        #expect(chapter.blocks[0].fenceLine == 3)
        #expect(chapter.blocks[0].codeLine == 4)
        #expect(chapter.blocks[0].lineCount == 2)
        #expect(chapter.blocks[1].codeLine == 13)
        #expect(chapter.number == 3 && chapter.slug == "03-x")
        #expect(chapter.diagnostics.isEmpty)
    }

    @Test func unclosedFenceNamesItsLine() {
        let chapter = load("# T\n\nText\n\n```swift run\nprint(1)\n")
        #expect(
            chapter.diagnostics.map(\.description) == [
                "chapters/03-x.md:5:1: error: unclosed code fence: the block opened here runs to the end of the chapter; close it with a line of backticks"
            ])
    }

    @Test func badOptionNamesItsColumn() {
        let chapter = load("# T\n\n```swift run hdie\nprint(1)\n```\n\n```swift run timeout=soon\n```\n")
        #expect(
            chapter.diagnostics.map(\.description) == [
                "chapters/03-x.md:3:14: error: unknown block option 'hdie' (expected hide, timeout=SECONDS or id=NAME)",
                "chapters/03-x.md:7:14: error: bad block option 'timeout=soon': timeout= takes a positive number of seconds",
            ])
    }

    @Test func duplicateIDs() {
        let chapter = load("```swift run id=a\n```\n\n```swift run id=a\n```\n")
        #expect(chapter.diagnostics.first?.message.contains("already used") == true)
    }

    @Test func chapterWithErrorsDoesNotRun() throws {
        let chapter = load("# T\n\n```swift run nope\nprint(1)\n```\n")
        let runner = ChapterRunner(
            runtime: RuntimeLocation(binDirectory: URL(fileURLWithPath: "/nonexistent")),
            workDirectory: URL(fileURLWithPath: NSTemporaryDirectory()))
        let result = runner.run(chapter)
        #expect(result.blocks.isEmpty)
        #expect(chapter.failures(of: result).map(\.description).first?.hasPrefix("chapters/03-x.md:3:14: error: unknown block option") == true)
    }
}
