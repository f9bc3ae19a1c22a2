import Foundation
import Testing
@testable import Book

@Suite struct ChapterTimeLimitTests {
    @Test func wholeChapterLimitStopsTheBlockRunningAtTheTime() throws {
        let sleep = "```swift run\nusleep(600_000)\nprint(\"slept\")\n```\n\n"
        let chapter = Chapter.parse("# Slow\n\n" + sleep + sleep + sleep,
                                    url: URL(fileURLWithPath: "/t/01-slow.md"), path: "chapters/01-slow.md")
        var limits = RunLimits()
        limits.chapterSeconds = 1.5
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limit-\(UUID().uuidString.prefix(8))")
        let result = ChapterRunner(runtime: try TestBook.runtime(), limits: limits, workDirectory: work).run(chapter)
        #expect(result.blocks.map(\.status) == [.ran, .ran, .failed])
        #expect(result.blocks[2].failure?.message == "error: timed out: the chapter ran longer than its limit of 1.5 s")
        #expect(result.isTransient)
    }
}
