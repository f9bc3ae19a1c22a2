import Foundation
import Testing

@testable import Book

@Suite struct ChapterTimeLimitTests {
    @Test func wholeChapterLimitStopsTheBlockRunningAtTheTime() throws {
        // Two short blocks, then one that never ends but has its own generous limit:
        // the chapter's limit stops it.
        let sleep = "```swift run\nusleep(200_000)\nprint(\"slept\")\n```\n\n"
        let forever = "```swift run timeout=60\nwhile true { usleep(1000) }\n```\n"
        let chapter = Chapter.parse(
            "# Slow\n\n" + sleep + sleep + forever,
            url: URL(fileURLWithPath: "/t/01-slow.md"), path: "chapters/01-slow.md")
        var limits = RunLimits()
        limits.chapterSeconds = 2.5
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limit-\(UUID().uuidString.prefix(8))")
        let result = ChapterRunner(runtime: try TestBook.runtime(), limits: limits, workDirectory: work).run(chapter)
        #expect(result.blocks.map(\.status) == [.ran, .ran, .failed])
        #expect(result.blocks[2].failures.map(\.message) == ["error: timed out: the chapter ran longer than its limit of 2.5 s"])
        #expect(result.isTransient)
    }
}
