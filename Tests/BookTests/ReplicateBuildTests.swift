import Foundation
import Testing

@testable import Book

/// Replicated runs end to end: the README's examples, results that do not depend on the
/// CPU budget, and the budget holding across chapter programs.
@Suite struct ReplicateBuildTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    /// The `swift` blocks of the README's "Replicated runs" section.
    static func readmeExamples() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "### Replicated runs\n"))
        let end = text.range(of: "\n### ", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        return text[start.upperBound..<end].components(separatedBy: "```swift\n").dropFirst().map {
            $0.components(separatedBy: "```")[0]
        }
    }

    @Test func theFixtureRunsTheReadmesExamples() throws {
        let examples = try Self.readmeExamples()
        #expect(examples.count == 2)
        let fixture = try String(
            contentsOf: TestBook.fixtures.appendingPathComponent("replicates/chapters/01-readme-examples.md"),
            encoding: .utf8)
        for example in examples {
            #expect(fixture.contains("```swift run\n" + example + "```"), "README example not in the fixture:\n\(example)")
        }
    }

    @Test func theReadmesExamplesRunAndTheBookIsTheSameWithOneJobOrTwo() async throws {
        let one = try await TestBook.build(root: try TestBook.copy("replicates"), jobs: 1)
        let two = try await TestBook.build(root: try TestBook.copy("replicates"), jobs: 2)
        for book in [one, two] {
            #expect(book.report.failed == 0, "\(book.report.failureLines)")
        }
        #expect(try one.page("01-readme-examples") == two.page("01-readme-examples"))

        let chapter = try #require(two.chapter("01-readme-examples.md"))
        #expect(chapter.expectations.map(\.seeds) == [5, 5])
        #expect(chapter.expectations[0].detail?.contains("; difference ") == true)
        #expect((chapter.cpuSeconds ?? 0) > 0)
        let page = try two.page("01-readme-examples")
        #expect(page.contains(" ± "))
        #expect(page.contains("shaded: 95 % interval of the mean, 5 seeds"))
        let utilization = try #require(two.report.utilization)
        #expect(utilization.jobs == 2 && utilization.cpuSeconds > 0 && utilization.fraction > 0)
        #expect(utilization.tokensHeld > 0 && utilization.tokensHeld <= 1)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(two.report.json().utf8)) as? [String: Any])
        let chapters = try #require(json["chapters"] as? [[String: Any]])
        #expect(chapters[0]["cpuSeconds"] is Double)
        #expect((chapters[0]["expectations"] as? [[String: Any]])?.first?["seeds"] as? Int == 5)
        #expect((json["utilization"] as? [String: Any])?["fraction"] is Double)
    }

    /// Each seed marks itself in a shared folder while it works and counts the marks: the
    /// most seen at once, across all chapter programs, is what the budget allowed.
    static func countingChapter(_ n: Int, folder: URL) -> String {
        """
        # Chapter \(n)

        ```swift run
        let folder = \(ProgramSource.swiftStringLiteral(folder.path))
        let seen = replicate(seeds: 1...6) { seed -> Int in
            let mark = folder + "/\(n)-\\(seed)"
            FileManager.default.createFile(atPath: mark, contents: nil)
            var most = 0
            for _ in 0..<20 {
                most = max(most, (try? FileManager.default.contentsOfDirectory(atPath: folder).count) ?? 0)
                Thread.sleep(forTimeInterval: 0.01)
            }
            try? FileManager.default.removeItem(atPath: mark)
            return most
        }
        print("most at once:", seen.values.max()!)
        ```

        """
    }

    @Test func theBudgetCapsWorkersAcrossChapterPrograms() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("marks-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String: String] = [:]
        for n in 1...3 { files["0\(n)-c\(n).md"] = Self.countingChapter(n, folder: folder) }
        let book = try await TestBook.build(root: try TestBook.make(files), jobs: 2)
        #expect(book.report.failed == 0, "\(book.report.failureLines)")
        var most: [Int] = []
        for n in 1...3 {
            let page = try book.page("0\(n)-c\(n)")
            let range = try #require(page.range(of: "most at once: "))
            most.append(Int(page[range.upperBound...].prefix { $0.isNumber })!)
        }
        #expect(most.allSatisfy { $0 <= 2 }, "more seeds at work at once than the 2 tokens allow: \(most)")
        #expect(most.contains(2), "two seeds should have worked at once somewhere: \(most)")
    }

    @Test func aProgramThatTrapsInAReplicateGivesBackItsTokens() throws {
        let root = try TestBook.make([
            "01-trap.md": """
            # Trap

            ```swift run
            let values = replicate(seeds: 1...2) { seed -> Double in
                if seed == 2 {
                    Thread.sleep(forTimeInterval: 0.3)
                    fatalError("seed 2 fails")
                }
                Thread.sleep(forTimeInterval: 3)
                return 1
            }
            print(values)
            ```

            """
        ])
        let chapter = try BookSource.find("1", in: root.appendingPathComponent("chapters"), path: "chapters")
        let jobserver = Jobserver(tokens: 2)
        let runner = ChapterRunner(
            runtime: try TestBook.runtime(), workDirectory: root.appendingPathComponent("work"),
            jobserver: jobserver)
        jobserver.acquire()
        let result = runner.run(chapter)
        jobserver.release()
        let block = try #require(result.blocks.first)
        #expect(block.status == .failed)
        let failure = try #require(block.failures.first)
        #expect(failure.message.contains("seed 2 fails"), "\(failure)")
        #expect(failure.location.map { chapter.place($0).description } == "chapters/01-trap.md:7:9")
        #expect(jobserver.peakInUse == 2, "the second seed ran on a token of its own")
        #expect(jobserver.inUse == 0, "the token the program died holding came back")
    }
}
