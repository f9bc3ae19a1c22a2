import Foundation

/// One chapter's results and where they came from.
public struct ChapterOutcome: Sendable {
    public var chapter: Chapter
    public var result: ChapterResult
    public var cached: Bool
    public var seconds: Double
}

/// Runs chapters (those without cached results) in parallel, at most `jobs` at a time.
/// Each chapter's program runs on its own thread: running one is a blocking wait on a
/// child process, which must not hold one of Swift's few cooperative threads.
struct ChapterJobs {
    var runner: ChapterRunner
    var cache: ResultCache?
    var keys: CacheKeyInputs
    var force: Bool
    var jobs: Int

    func run(_ chapters: [Chapter], observer: BuildObserver) async -> [ChapterOutcome] {
        var outcomes = [ChapterOutcome?](repeating: nil, count: chapters.count)
        var todo: [Int] = []
        for (i, chapter) in chapters.enumerated() {
            let key = keys.key(for: chapter)
            // A chapter with errors of its own is not run, and never cached: its file
            // may be fixed without its code changing.
            if !force, chapter.diagnostics.isEmpty, let cached = cache?.result(for: chapter.slug, key: key) {
                outcomes[i] = ChapterOutcome(chapter: chapter, result: cached, cached: true, seconds: 0)
                observer.handle(.chapterFinished(slug: chapter.slug, failures: chapter.failures(of: cached).count, cached: true, seconds: 0))
            } else {
                todo.append(i)
            }
        }
        observer.handle(.planned(todo.map { (chapters[$0].slug, cache?.entry(for: chapters[$0].slug)?.seconds) }))

        await withTaskGroup(of: (Int, ChapterOutcome).self) { group in
            var next = 0
            func start() {
                let i = todo[next]
                next += 1
                let chapter = chapters[i]
                let runner = self.runner
                group.addTask {
                    observer.handle(.chapterStarted(slug: chapter.slug))
                    let began = Date()
                    let result = await Self.onThread {
                        runner.run(chapter) { observer.handle(.chapter(slug: chapter.slug, $0)) }
                    }
                    let seconds = Date().timeIntervalSince(began)
                    observer.handle(.chapterFinished(slug: chapter.slug, failures: chapter.failures(of: result).count, cached: false, seconds: seconds))
                    return (i, ChapterOutcome(chapter: chapter, result: result, cached: false, seconds: seconds))
                }
            }
            var storeFailed = false
            while next < todo.count && next < max(jobs, 1), Interruption.shared.signal == nil { start() }
            while let (i, outcome) = await group.next() {
                outcomes[i] = outcome
                if !outcome.result.isTransient, outcome.chapter.diagnostics.isEmpty,
                   Interruption.shared.signal == nil, let cache {
                    do {
                        try cache.store(outcome.result, for: outcome.chapter.slug, key: keys.key(for: outcome.chapter))
                    } catch {
                        // Said once: the book is still right, later builds just rerun.
                        if !storeFailed {
                            storeFailed = true
                            observer.handle(.warning("warning: cannot keep results in the cache, so later builds will run these chapters again: \(BookOutput.describe(error))"))
                        }
                    }
                }
                // After an interrupt, chapters not yet started do not start.
                if next < todo.count, Interruption.shared.signal == nil { start() }
            }
        }
        return outcomes.enumerated().map { i, outcome in
            outcome ?? ChapterOutcome(chapter: chapters[i], result: Self.notStarted(chapters[i]), cached: false, seconds: 0)
        }
    }

    /// The result of a chapter an interrupt kept from starting.
    static func notStarted(_ chapter: Chapter) -> ChapterResult {
        .notRun(chapter, reason: "did not run: the build was interrupted",
                failures: [RunFailure(kind: .program, message: "error: did not run: the build was interrupted")],
                isTransient: true)
    }

    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
