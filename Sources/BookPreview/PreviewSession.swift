import Book
import Foundation

/// Keeps the written book in step with the chapters folder while `tutorial serve` runs.
///
/// On every change (saves coalesced over `settleSeconds`), it loads the chapters again
/// and, per chapter:
/// - the same cache key as before (a prose edit): the known results are reused and the
///   page re-rendered, no compiling;
/// - a new key (a code edit): the cached results for it if any, else the chapter is
///   rerun, alone; a run of an older version still going is cancelled (its process
///   group killed) first. Until the new run ends, the page keeps the previous version.
///
/// The book is always written whole, as `build` writes it, so `output/` is complete
/// whenever the server stops. When a chapter that had passed fails, the server keeps
/// serving its last good page (the failures are shown over it) until it passes again.
///
/// All bookkeeping happens on one serial queue; chapter programs run on threads of
/// their own, `jobs` at a time.
final class PreviewSession: @unchecked Sendable {
    struct Settings: Sendable {
        var output: URL
        /// What is watched: the chapters folder, and the theme folder if any.
        var inputs: [URL]
        /// Folders inside the inputs that are not the book's (the output, the cache).
        var ignored: [URL] = []
        var jobs: Int = 1
        var force = false
        var settleSeconds = 0.1
        /// Where what happens is told, a line at a time (the terminal).
        var log: @Sendable (String) -> Void = { _ in }
    }

    private struct Slot {
        var chapter: Chapter
        var key: String
        /// Results for `key`, once known.
        var result: ChapterResult?
        /// The version the written page shows (it lags behind while the chapter runs).
        var shown: (chapter: Chapter, result: ChapterResult)?
    }

    let pipeline: any BookPipeline
    let settings: Settings
    let events = EventStream()
    private let queue = DispatchQueue(label: "tutorial serve: session")
    private let threads = DispatchGroup()

    // Touched on `queue` only.
    private var source: BookSource?
    private var slots: [String: Slot] = [:]
    private var waiting: [String] = []
    private var fingerprint: InputFingerprint?
    private var pages: [String: Data] = [:]
    private var pendingRescan: DispatchWorkItem?
    private var stopping = false
    private var forceNextRuns: Bool

    // Read by the server and the runs' threads, under `lock`.
    private let lock = NSLock()
    private var runs: [String: ActiveRun] = [:]
    private var lastGoodPages: [String: Data] = [:]
    private var chapterStates: [PreviewState.Chapter] = []
    private var generation = 0
    private var problem: String?
    private var broadcastScheduled = false

    init(pipeline: any BookPipeline, settings: Settings) {
        self.pipeline = pipeline
        self.settings = settings
        self.forceNextRuns = settings.force
    }

    // MARK: - Driving

    /// Loads and writes the book with what is cached, and starts the runs it lacks.
    /// Returns once the first book is written (a warm start runs nothing).
    func start() throws {
        try queue.sync {
            try rescan(initial: true)
        }
    }

    /// Something in the inputs changed: look again once saves have settled.
    func inputsChanged() {
        queue.async { [self] in
            guard !stopping else { return }
            pendingRescan?.cancel()
            let item = DispatchWorkItem { [weak self] in try? self?.rescan(initial: false) }
            pendingRescan = item
            queue.asyncAfter(deadline: .now() + settings.settleSeconds, execute: item)
        }
    }

    /// Cancels every run (killing its processes) and waits for a write in progress to
    /// finish, so the output is left complete. Waits up to `seconds` for the runs'
    /// threads to clean up.
    func stop(waitingUpTo seconds: Double = 5) {
        queue.sync {
            stopping = true
            pendingRescan?.cancel()
            waiting.removeAll()
            lock.lock()
            let all = Array(runs.values)
            lock.unlock()
            for run in all { run.cancellation.cancel() }
        }
        _ = threads.wait(timeout: .now() + seconds)
        events.finish()
    }

    /// The page to serve instead of the written one (a failing chapter's last good page).
    func lastGoodPage(named fileName: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return lastGoodPages[fileName]
    }

    var state: PreviewState {
        lock.lock()
        defer { lock.unlock() }
        var chapters = chapterStates
        for i in chapters.indices { chapters[i].run = runs[chapters[i].slug]?.status }
        return PreviewState(generation: generation, chapters: chapters, error: problem)
    }

    // MARK: - Rebuilding (on `queue`)

    private func rescan(initial: Bool) throws {
        guard !stopping else { return }
        let now = InputFingerprint(inputs: settings.inputs, ignored: settings.ignored)
        if !initial, now == fingerprint { return }
        let assetsChanged = fingerprint.map { $0.otherFiles != now.otherFiles } ?? false
        let changedMarkdown = Set(now.markdown.keys.filter { now.markdown[$0] != fingerprint?.markdown[$0] })
        fingerprint = now

        let loaded: BookSource
        do {
            loaded = try pipeline.load(previous: source, changed: changedMarkdown)
        } catch {
            // Read everything again next time: what failed to load may be unchanged then.
            fingerprint = nil
            report(problem: "\(error)")
            if initial { throw error }
            return
        }
        var kept: [String: Slot] = [:]
        for chapter in loaded.chapters {
            let key = pipeline.key(for: chapter)
            var slot = slots[chapter.slug] ?? Slot(chapter: chapter, key: key)
            slot.chapter = chapter
            let run = currentRun(chapter.slug)
            let upToDate = slots[chapter.slug] != nil && slot.key == key && (slot.result != nil || run?.key == key)
            if !upToDate {
                slot.key = key
                slot.result = forceNextRuns ? nil : pipeline.cachedResult(for: chapter)
                if let run, run.key != key { cancel(chapter.slug) }
                if slot.result == nil, currentRun(chapter.slug) == nil { enqueue(chapter.slug, key: key, chapter: chapter) }
            }
            kept[chapter.slug] = slot
        }
        forceNextRuns = false
        for slug in slots.keys where kept[slug] == nil { cancel(slug) }
        waiting.removeAll { kept[$0] == nil }
        slots = kept
        source = loaded
        write(allPagesChanged: assetsChanged)
        startWaitingRuns()
    }

    /// Writes the whole book from what each chapter shows, then tells the pages what changed.
    private func write(allPagesChanged: Bool) {
        guard let source else { return }
        var shownSource = source
        var results: [ChapterResult] = []
        for (index, chapter) in source.chapters.enumerated() {
            guard var slot = slots[chapter.slug] else { continue }
            if let result = slot.result {
                slot.shown = (chapter, result)
                results.append(result)
            } else if let shown = slot.shown {
                shownSource.chapters[index] = shown.chapter
                results.append(shown.result)
            } else {
                results.append(pipeline.notYetRun(chapter))
            }
            slots[chapter.slug] = slot
        }
        let before = pages
        // The whole book when more than the generated text can have changed: the first
        // time, pictures or theme files, chapters added, removed or renamed.
        let layout = source.chapters.map(\.slug) + [source.landing == nil ? "" : "index"]
        let whole = before.isEmpty || allPagesChanged || layout != writtenLayout
        do {
            pages = try pipeline.write(shownSource, results: results, whole: whole)
        } catch {
            report(problem: "\(error)")
            return
        }
        writtenLayout = layout
        let rewritten = Set(pages.keys).union(before.keys).filter { pages[$0] != before[$0] }.sorted()
        if !before.isEmpty, !rewritten.isEmpty { settings.log("updated \(rewritten.joined(separator: ", "))") }

        let failing = zip(shownSource.chapters, results).map { !pipeline.failures(of: $0, result: $1).isEmpty }
        lock.lock()
        // A chapter that fails keeps its last good page on screen until it passes again.
        var good: [String: Data] = [:]
        for (index, chapter) in source.chapters.enumerated() {
            let file = chapter.slug + ".html"
            if !failing[index] { continue }
            if let kept = lastGoodPages[file] {
                good[file] = kept
            } else if let previous = before[file], let wasGood = previouslyGood[chapter.slug], wasGood {
                good[file] = previous
            }
        }
        // Pages reload when what is served changed, not what was written: a failing
        // chapter's page still serves its last good version.
        let changed = Set(pages.keys).union(before.keys).filter {
            (good[$0] ?? pages[$0]) != (lastGoodPages[$0] ?? before[$0])
        }.sorted()
        lastGoodPages = good
        generation += 1
        problem = nil
        let generation = self.generation
        lock.unlock()
        for (index, chapter) in source.chapters.enumerated() {
            previouslyGood[chapter.slug] = !failing[index]
        }
        publishChapterStates()
        if !changed.isEmpty || allPagesChanged {
            events.send("reload", ReloadEvent(generation: generation, pages: changed, all: allPagesChanged))
        }
    }

    /// The chapters (and whether there was a landing page) the output was written with.
    private var writtenLayout: [String] = []

    /// Whether each chapter's written page was free of failures, as of the last write.
    private var previouslyGood: [String: Bool] = [:]

    private func publishChapterStates() {
        guard let source else { return }
        var states: [PreviewState.Chapter] = []
        lock.lock()
        let good = lastGoodPages
        lock.unlock()
        for chapter in source.chapters {
            guard let slot = slots[chapter.slug] else { continue }
            // While a new version runs, the failures are those of the version on the page.
            let latest = slot.result.map { (chapter, $0) } ?? slot.shown
            let failures = latest.map { pipeline.failures(of: $0.0, result: $0.1) } ?? []
            states.append(
                PreviewState.Chapter(
                    slug: chapter.slug, path: chapter.path, title: chapter.title,
                    run: nil, failures: failures,
                    showingLastGood: good[chapter.slug + ".html"] != nil))
        }
        lock.lock()
        chapterStates = states
        lock.unlock()
        broadcastState()
    }

    private func report(problem text: String) {
        settings.log("error: \(text)")
        lock.lock()
        problem = text
        lock.unlock()
        broadcastState()
    }

    // MARK: - Runs

    private func currentRun(_ slug: String) -> ActiveRun? {
        lock.lock()
        defer { lock.unlock() }
        return runs[slug]
    }

    private var pendingChapters: [String: Chapter] = [:]

    private func enqueue(_ slug: String, key: String, chapter: Chapter) {
        let run = ActiveRun(key: key, estimate: pipeline.lastRunSeconds(for: chapter))
        lock.lock()
        runs[slug] = run
        lock.unlock()
        pendingChapters[slug] = chapter
        waiting.append(slug)
    }

    /// Cancelled runs whose threads have not returned yet, per chapter: the chapter's
    /// next run waits for them, so two versions never run at once.
    private var draining: [String: Int] = [:]

    private func cancel(_ slug: String) {
        lock.lock()
        let run = runs.removeValue(forKey: slug)
        lock.unlock()
        if let run, run.hasStarted { draining[slug, default: 0] += 1 }
        run?.cancellation.cancel()
        waiting.removeAll { $0 == slug }
        pendingChapters[slug] = nil
    }

    private func startWaitingRuns() {
        guard !stopping else { return }
        lock.lock()
        var running = runs.values.filter(\.hasStarted).count
        lock.unlock()
        var held: [String] = []
        defer { waiting.insert(contentsOf: held, at: 0) }
        while running < max(settings.jobs, 1), !waiting.isEmpty {
            let slug = waiting.removeFirst()
            if draining[slug, default: 0] > 0 {
                held.append(slug)
                continue
            }
            guard let chapter = pendingChapters.removeValue(forKey: slug), let run = currentRun(slug) else { continue }
            run.begin()
            running += 1
            settings.log("running \(chapter.path)")
            let pipeline = self.pipeline
            threads.enter()
            let thread = Thread { [self] in
                let result = pipeline.run(chapter, cancellation: run.cancellation) { [weak self] activity in
                    run.update(activity)
                    self?.scheduleStateBroadcast()
                }
                queue.async { self.finished(slug, run: run, result: result) }
                threads.leave()
            }
            thread.stackSize = 8 << 20
            thread.name = "tutorial serve: \(slug)"
            thread.start()
        }
        broadcastState()
    }

    private func finished(_ slug: String, run: ActiveRun, result: ChapterResult?) {
        lock.lock()
        let current = runs[slug] === run
        if current { runs[slug] = nil }
        lock.unlock()
        if !current, let count = draining[slug] { draining[slug] = count > 1 ? count - 1 : nil }
        if current, let result, !stopping, var slot = slots[slug], slot.key == run.key {
            let failures = pipeline.failures(of: slot.chapter, result: result)
            let seconds = String(format: "%.1f s", run.status.elapsed)
            settings.log(
                failures.isEmpty
                    ? "✓ \(slot.chapter.path) (\(seconds))"
                    : "✗ \(slot.chapter.path) (\(seconds)):\n" + failures.map { "  " + $0.text }.joined(separator: "\n"))
            slot.result = result
            slots[slug] = slot
            write(allPagesChanged: false)
        }
        startWaitingRuns()
    }

    // MARK: - Telling the pages

    /// Sends the state now.
    private func broadcastState() {
        events.send("state", state)
    }

    /// Sends the state within 0.2 s, once for any number of calls meanwhile: progress
    /// arrives up to five times a second per chapter.
    private func scheduleStateBroadcast() {
        lock.lock()
        if broadcastScheduled {
            lock.unlock()
            return
        }
        broadcastScheduled = true
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { [weak self] in
            guard let self else { return }
            self.lock.lock()
            self.broadcastScheduled = false
            self.lock.unlock()
            self.broadcastState()
        }
    }
}

/// What the inputs hold, to tell a real change from a save of the same text: the
/// Markdown files' contents, and the other files' sizes and modification times.
struct InputFingerprint: Equatable {
    var markdown: [String: Data] = [:]
    var otherFiles: [String: String] = [:]

    init(inputs: [URL], ignored: [URL]) {
        let skip = Set(ignored.map { $0.standardizedFileURL.path })
        let fm = FileManager.default
        for root in inputs {
            let base = root.standardizedFileURL.path
            guard let enumerator = fm.enumerator(atPath: base) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = base + "/" + relative
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || skip.contains(path) {
                    enumerator.skipDescendants()
                    continue
                }
                guard let attributes = enumerator.fileAttributes, attributes[.type] as? FileAttributeType == .typeRegular
                else { continue }
                if name.hasSuffix(".md") {
                    markdown[path] = fm.contents(atPath: path) ?? Data()
                } else {
                    let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
                    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                    otherFiles[path] = "\(size) \(modified)"
                }
            }
        }
    }
}
