import Foundation

/// One chapter's results and where they came from.
public struct ChapterOutcome: Sendable {
    public var chapter: Chapter
    public var result: ChapterResult
    public var cached: Bool
    public var seconds: Double
}

/// Runs chapters (those without cached results) in parallel within the build's CPU
/// budget: each chapter compiles and runs holding one of the jobserver's tokens, and its
/// replicates draw more from the same pool. Each chapter's program runs on its own
/// thread: running one is a blocking wait on a child process, which must not hold one
/// of Swift's few cooperative threads.
struct ChapterJobs {
    var runner: ChapterRunner
    var cache: ResultCache?
    var keys: CacheKeyInputs
    var force: Bool
    /// The CPU budget (Jobserver.swift); the runner gets it too.
    var jobserver: Jobserver

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
        let estimates = todo.map { cache?.entry(for: chapters[$0].slug)?.seconds }
        observer.handle(.planned(todo.indices.map { (chapters[todo[$0]].slug, estimates[$0]) }))
        let priority = Self.longestFirst(estimates)

        // CPU budget hook: every chapter waits for a token on its own thread; the
        // jobserver starts them in `priority` order as tokens free up.
        var runner = self.runner
        runner.jobserver = jobserver
        let jobserver = self.jobserver
        await withTaskGroup(of: (Int, ChapterOutcome?).self) { group in
            for (n, i) in todo.enumerated() {
                let chapter = chapters[i]
                let rank = priority[n]
                group.addTask { [runner] in
                    let ran = await Self.onThread { () -> (ChapterResult, Double)? in
                        jobserver.acquire(priority: rank)
                        defer { jobserver.release() }
                        // After an interrupt, chapters not yet started do not start.
                        guard Interruption.shared.signal == nil else { return nil }
                        observer.handle(.chapterStarted(slug: chapter.slug))
                        let began = Date()
                        let result = runner.run(chapter) { observer.handle(.chapter(slug: chapter.slug, $0)) }
                        return (result, Date().timeIntervalSince(began))
                    }
                    guard let (result, seconds) = ran else { return (i, nil) }
                    observer.handle(
                        .chapterFinished(slug: chapter.slug, failures: chapter.failures(of: result).count, cached: false, seconds: seconds))
                    return (i, ChapterOutcome(chapter: chapter, result: result, cached: false, seconds: seconds))
                }
            }
            var storeFailed = false
            while let (i, finished) = await group.next() {
                guard let outcome = finished else { continue }
                outcomes[i] = outcome
                if !outcome.result.isTransient, outcome.chapter.diagnostics.isEmpty,
                    Interruption.shared.signal == nil, let cache
                {
                    do {
                        try cache.store(outcome.result, for: outcome.chapter.slug, key: keys.key(for: outcome.chapter))
                    } catch {
                        // Said once: the book is still right, later builds just rerun.
                        if !storeFailed {
                            storeFailed = true
                            observer.handle(
                                .warning(
                                    "warning: cannot keep results in the cache, so later builds will run these chapters again: \(BookOutput.describe(error))"
                                ))
                        }
                    }
                }
            }
        }
        return outcomes.enumerated().map { i, outcome in
            outcome ?? ChapterOutcome(chapter: chapters[i], result: Self.notStarted(chapters[i]), cached: false, seconds: 0)
        }
    }

    /// The result of a chapter an interrupt kept from starting.
    static func notStarted(_ chapter: Chapter) -> ChapterResult {
        .notRun(
            chapter, reason: "did not run: the build was interrupted",
            failures: [RunFailure(kind: .program, message: "error: did not run: the build was interrupted")],
            isTransient: true)
    }

    /// Start ranks: chapters that took longest last time first (a long chapter started
    /// last would run alone at the end), chapters never timed in file order after them.
    static func longestFirst(_ estimates: [Double?]) -> [Int] {
        let order = estimates.indices.sorted { a, b in
            switch (estimates[a], estimates[b]) {
            case (let x?, let y?): return x != y ? x > y : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        var rank = [Int](repeating: 0, count: estimates.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        return rank
    }

    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
