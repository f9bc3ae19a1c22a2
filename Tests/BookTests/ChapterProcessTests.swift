import Foundation
import Testing

@testable import Book

/// What a chapter program does with its processes and its side channel cannot outlast
/// its limits, hide how it ended, or get itself cached.
@Suite struct ChapterProcessTests {
    static func run(_ markdown: String, limits: RunLimits = RunLimits()) throws -> (Chapter, ChapterResult) {
        let chapter = Chapter.parse(markdown, url: URL(fileURLWithPath: "/t/01-p.md"), path: "chapters/01-p.md")
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("process-\(UUID().uuidString.prefix(8))")
        let result = ChapterRunner(runtime: try TestBook.runtime(), limits: limits, workDirectory: work).run(chapter)
        return (chapter, result)
    }

    /// `sleep MARKER` processes now.
    static func sleepers(_ marker: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { name in
            guard Int(name) != nil, let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { return false }
            return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.last == marker
        }.count
    }

    @Test func whatABlockStartedIsStoppedWithItAtItsLimit() throws {
        let marker = "4000.\(UInt32.random(in: 100_000...999_999))"
        let (_, result) = try Self.run(
            """
            ```swift run timeout=3
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = ["\(marker)"]
            try sleeper.run()
            while true { usleep(10_000) }
            ```
            """)
        #expect(result.blocks.map(\.status) == [.failed])
        #expect(result.blocks[0].failures.first?.message.contains("timed out") == true)
        // Foundation put the sleeper in a process group of its own; it went all the same.
        var waited = 0.0
        while Self.sleepers(marker) > 0 && waited < 30 {
            usleep(100_000)
            waited += 0.1
        }
        #expect(Self.sleepers(marker) == 0)
    }

    @Test func blockMessagesWrittenByChapterCodeNeitherEndNorExtendItsLimit() throws {
        // The block claims to have ended and the next (with a long limit) to have begun;
        // its own limit of 2 s still applies, and the claims show as the text they are.
        let (_, result) = try Self.run(
            """
            ```swift run timeout=2
            let fake = "{\\"blockEnd\\":{\\"index\\":0}}\\n{\\"blockStart\\":{\\"index\\":1}}\\n"
            _ = fake.withCString { write(3, $0, strlen($0)) }
            sleep(30)
            ```

            ```swift run timeout=600
            print("second")
            ```
            """)
        #expect(result.blocks.map(\.status) == [.failed, .notRun])
        #expect(
            result.blocks[0].failures.first?.message
                == "error: timed out: the block ran longer than its limit of 2 s (set timeout=SECONDS on its fence line to allow more)")
        guard case .text(let text)? = result.blocks[0].items.first else {
            Issue.record("the forged messages were not shown as text")
            return
        }
        #expect(text.contains("{\"blockEnd\":{\"index\":0}}"))
    }

    @Test func aSignalFromOutsideIsReportedAndNotCached() throws {
        let (_, result) = try Self.run("```swift run\nprint(\"before\")\nkill(getpid(), SIGTERM)\nsleep(5)\n```\n")
        #expect(result.blocks.map(\.status) == [.failed])
        #expect(result.blocks[0].failures.first?.message == "error: the program stopped: SIGTERM (signal 15), sent from outside the program")
        #expect(result.isTransient)
    }

    @Test func aTrapIsTheChaptersOwnAndCached() throws {
        let (_, result) = try Self.run("```swift run\nlet a = [1]\nprint(a[Int(\"3\")!])\n```\n")
        #expect(result.blocks.map(\.status) == [.failed])
        #expect(!result.isTransient)
    }
}
