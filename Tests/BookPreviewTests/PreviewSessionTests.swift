import Book
import Foundation
import Testing

@testable import BookPreview

/// The preview's decisions, with a pipeline that compiles nothing: runs wait until the
/// test lets them finish, results are whatever the test says.
final class FakePipeline: BookPipeline, @unchecked Sendable {
    let chapters: URL
    let output: URL
    private let lock = NSLock()
    private var cache: [String: ChapterResult] = [:]
    private var gates: [String: DispatchSemaphore] = [:]
    private var outcomes: [String: ChapterResult] = [:]
    private(set) var started: [String] = []
    private(set) var cancelled: [String] = []
    private(set) var writes = 0
    private var active = 0
    private(set) var mostActive = 0

    init(root: URL) {
        chapters = root.appendingPathComponent("chapters")
        output = root.appendingPathComponent("output")
    }

    /// Results are told apart by the code of the first block.
    static func code(_ chapter: Chapter) -> String {
        chapter.blocks.first?.code.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    func cache(_ code: String, _ result: ChapterResult) { lock.withLock { cache[code] = result } }

    /// Lets the run of `code` end with `result`.
    func finish(_ code: String, with result: ChapterResult) {
        lock.withLock {
            outcomes[code] = result
            if gates[code] == nil { gates[code] = DispatchSemaphore(value: 0) }
            gates[code]!.signal()
        }
    }

    var state: (started: [String], cancelled: [String], writes: Int, mostActive: Int) {
        lock.withLock { (started, cancelled, writes, mostActive) }
    }

    func load(previous: BookSource?, changed: Set<String>) throws -> BookSource {
        try BookSource.load(directory: chapters, path: "chapters")
    }

    func key(for chapter: Chapter) -> String { Self.code(chapter) }
    func cachedResult(for chapter: Chapter) -> ChapterResult? { lock.withLock { cache[Self.code(chapter)] } }
    func lastRunSeconds(for chapter: Chapter) -> Double? { 1 }

    func run(
        _ chapter: Chapter, cancellation: RunCancellation,
        onActivity: @escaping @Sendable (RunActivity) -> Void
    ) -> ChapterResult? {
        let code = Self.code(chapter)
        let gate = lock.withLock {
            started.append(code)
            active += 1
            mostActive = max(mostActive, active)
            if gates[code] == nil { gates[code] = DispatchSemaphore(value: 0) }
            return gates[code]!
        }
        defer { lock.withLock { active -= 1 } }
        onActivity(.block(index: 0, of: 1))
        while gate.wait(timeout: .now() + 0.01) == .timedOut {
            if cancellation.isCancelled {
                lock.withLock { cancelled.append(code) }
                return nil
            }
        }
        let result = lock.withLock { outcomes[code]! }
        cache(code, result)
        return result
    }

    /// Each page: the chapter's first paragraph and its results' text.
    func write(_ source: BookSource, results: [ChapterResult], whole: Bool) throws -> [String: Data] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var pages: [String: Data] = [:]
        for (chapter, result) in zip(source.chapters, results) {
            let summary = chapter.document.children.dropFirst().first?.plainText ?? ""
            var text = summary + "\n"
            for block in result.blocks { for case .text(let t) in block.items { text += t } }
            for failure in result.failures { text += failure.message }
            let data = Data(text.utf8)
            try data.write(to: output.appendingPathComponent(chapter.slug + ".html"))
            pages[chapter.slug + ".html"] = data
        }
        lock.withLock { writes += 1 }
        return pages
    }

    func notYetRun(_ chapter: Chapter) -> ChapterResult {
        ChapterResult(blocks: chapter.blocks.map { _ in BlockResult(status: .notRun) })
    }

    func failures(of chapter: Chapter, result: ChapterResult) -> [PreviewFailure] {
        result.failures.map { PreviewFailure(text: $0.message, anchor: "block-1") }
    }
}

@Suite struct PreviewSessionTests {
    static func printed(_ text: String) -> ChapterResult {
        ChapterResult(blocks: [BlockResult(status: .ran, items: [.text(text)])])
    }

    static func chapter(prose: String, code: String) -> String {
        "# One\n\n\(prose)\n\n```swift run\n\(code)\n```\n"
    }

    /// A book of one chapter, and a session over it (not started).
    static func make(prose: String = "First prose.", code: String = "print(1)") throws
        -> (session: PreviewSession, pipeline: FakePipeline, file: URL)
    {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("session-\(UUID().uuidString.prefix(8))")
        let chapters = root.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        let file = chapters.appendingPathComponent("01-one.md")
        try chapter(prose: prose, code: code).write(to: file, atomically: true, encoding: .utf8)
        let pipeline = FakePipeline(root: root)
        let settings = PreviewSession.Settings(output: pipeline.output, inputs: [chapters], jobs: 2, settleSeconds: 0.05)
        return (PreviewSession(pipeline: pipeline, settings: settings), pipeline, file)
    }

    static func page(_ pipeline: FakePipeline) -> String {
        (try? String(contentsOf: pipeline.output.appendingPathComponent("01-one.html"), encoding: .utf8)) ?? ""
    }

    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        return condition()
    }

    @Test func aProseEditIsRenderedWithoutRunning() async throws {
        let (session, pipeline, file) = try Self.make()
        pipeline.cache("print(1)", Self.printed("one\n"))
        try session.start()
        #expect(Self.page(pipeline) == "First prose.\none\n")
        try Self.chapter(prose: "Second prose.", code: "print(1)").write(to: file, atomically: true, encoding: .utf8)
        session.inputsChanged()
        #expect(try await Self.eventually { Self.page(pipeline) == "Second prose.\none\n" })
        #expect(pipeline.state.started.isEmpty)
        session.stop()
    }

    @Test func savesInQuickSuccessionAreOneRebuild() async throws {
        let (session, pipeline, file) = try Self.make()
        pipeline.cache("print(1)", Self.printed("one\n"))
        try session.start()
        let writes = pipeline.state.writes
        for n in 1...5 {
            try Self.chapter(prose: "Edit \(n).", code: "print(1)").write(to: file, atomically: true, encoding: .utf8)
            session.inputsChanged()
        }
        #expect(try await Self.eventually { Self.page(pipeline).hasPrefix("Edit 5.") })
        try await Task.sleep(for: .milliseconds(200))
        #expect(pipeline.state.writes == writes + 1)
        // Saving the same text again changes nothing.
        session.inputsChanged()
        try await Task.sleep(for: .milliseconds(200))
        #expect(pipeline.state.writes == writes + 1)
        session.stop()
    }

    @Test func aCodeEditDuringARunCancelsItAndRunsTheNewCode() async throws {
        let (session, pipeline, file) = try Self.make(code: "print(1)")
        try session.start()
        #expect(try await Self.eventually { pipeline.state.started == ["print(1)"] })
        #expect(session.state.chapters.first?.run?.block == 1)

        try Self.chapter(prose: "First prose.", code: "print(2)").write(to: file, atomically: true, encoding: .utf8)
        session.inputsChanged()
        #expect(try await Self.eventually { pipeline.state.started == ["print(1)", "print(2)"] })
        #expect(pipeline.state.cancelled == ["print(1)"])
        #expect(pipeline.state.mostActive == 1, "the old run went on beside the new one")

        // The old run's result, had it come, is not shown; the new one is.
        pipeline.finish("print(1)", with: Self.printed("stale\n"))
        pipeline.finish("print(2)", with: Self.printed("two\n"))
        #expect(try await Self.eventually { Self.page(pipeline) == "First prose.\ntwo\n" })
        #expect(try await Self.eventually { session.state.chapters.first?.run == nil })
        session.stop()
    }

    @Test func aFailingChapterKeepsItsLastGoodPageUntilTheFix() async throws {
        let (session, pipeline, file) = try Self.make(code: "print(1)")
        pipeline.cache("print(1)", Self.printed("good\n"))
        pipeline.cache("print(3)", Self.printed("fixed\n"))
        try session.start()
        let good = Data(Self.page(pipeline).utf8)

        try Self.chapter(prose: "First prose.", code: "broken(").write(to: file, atomically: true, encoding: .utf8)
        session.inputsChanged()
        #expect(try await Self.eventually { pipeline.state.started == ["broken("] })
        pipeline.finish(
            "broken(",
            with: ChapterResult(
                blocks: [BlockResult(status: .failed)],
                failures: [
                    RunFailure(kind: .compile, message: "chapters/01-one.md:6:7: error: expected ')'")
                ]))
        #expect(try await Self.eventually { Self.page(pipeline).contains("expected ')'") })
        #expect(try await Self.eventually { session.lastGoodPage(named: "01-one.html") == good })
        #expect(try await Self.eventually { session.state.chapters.first?.showingLastGood == true })
        #expect(session.state.chapters.first?.failures.map(\.text) == ["chapters/01-one.md:6:7: error: expected ')'"])

        try Self.chapter(prose: "First prose.", code: "print(3)").write(to: file, atomically: true, encoding: .utf8)
        session.inputsChanged()
        #expect(try await Self.eventually { Self.page(pipeline) == "First prose.\nfixed\n" })
        #expect(try await Self.eventually { session.lastGoodPage(named: "01-one.html") == nil })
        #expect(try await Self.eventually { session.state.chapters.first?.failures.isEmpty == true })
        session.stop()
    }

    @Test func stoppingCancelsEveryRun() async throws {
        let (session, pipeline, _) = try Self.make(code: "print(1)")
        try session.start()
        #expect(try await Self.eventually { pipeline.state.started == ["print(1)"] })
        session.stop()
        #expect(pipeline.state.cancelled == ["print(1)"])
    }
}
