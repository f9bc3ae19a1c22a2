import Foundation
import Testing

@testable import Book

@Suite struct ParallelBuildTests {
    @Test func chaptersRunAtOnceAndKeepTheirOwnResults() async throws {
        var files: [String: String] = [:]
        for n in 1...4 {
            files["0\(n)-c\(n).md"] = "# Chapter \(n)\n\n```swift run\nlet n = \(n)\nprint(\"chapter\", n * 100)\n```\n"
        }
        let root = try TestBook.make(files)
        let recorder = EventRecorder()
        let book = try await TestBook.build(root: root, jobs: 3, observer: recorder)
        #expect(book.report.failed == 0)
        for n in 1...4 {
            #expect(try book.page("0\(n)-c\(n)").contains("<pre class=\"output\">chapter \(n * 100)\n</pre>"))
        }
        // The second chapter started before the first finished.
        let events = recorder.events
        let secondStart = try #require(events.firstIndex(of: "start 02-c2"))
        let firstFinish = try #require(events.firstIndex(of: "finish 01-c1"))
        #expect(secondStart < firstFinish)
    }
}
