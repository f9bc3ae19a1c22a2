import Foundation

// What `tutorial serve` needs beyond `build()`: the book's folders checked and its lock
// held for as long as the preview runs, the site written from results already known
// (a prose edit runs nothing), and one chapter at a time through the build's own cache
// (a code edit reruns that chapter only).
extension BookBuilder {
    /// Checks the folders as `build()` does, takes the book's lock (waiting, with
    /// `waiting` told why, while another build holds it), sweeps what dead builds left,
    /// and returns the lock: hold it while writing, release it when done.
    public func lockForWriting(purpose: String, waiting: (String) -> Void = { _ in }) async throws -> BookLock {
        let folders = BookFolders(chapters: options.chapters, output: options.output, cache: options.cache)
        try folders.check()
        let cache = ResultCache(directory: options.cache)
        let lock = try await BookLock.acquire(
            in: options.cache, purpose: purpose, prepare: cache.prepare,
            waiting: waiting)
        // Another build may have changed them while this one waited.
        do { try folders.check() } catch {
            lock.release()
            throw error
        }
        BookOutput.sweepLeftovers(of: options.output)
        cache.sweepWorkDirectory()
        return lock
    }

    /// Writes `site` to `options.output` as `build()` does: stamped, into a temporary
    /// folder that replaces the output whole, so it is never half-written. Hold the
    /// lock (`lockForWriting`).
    public func write(_ site: BookSite) throws {
        try BookOutput.replace(
            options.output, with: site, theme: options.themeDirectory,
            images: Self.images(in: options.chapters), from: options.chapters)
    }

    /// Rewrites in `options.output` only the generated files (pages, search index)
    /// whose text differs from `site`'s, each replaced whole by a rename, so the book
    /// stays complete at every moment. Copied files (theme, libraries, pictures) are
    /// left as they are: after a change to those, use `write(_:)`. An output that is not
    /// a book this tool wrote is written whole by `write(_:)`, with its checks. Returns
    /// the paths rewritten, relative to the output.
    public func update(_ site: BookSite) throws -> [String] {
        guard FolderStamp.book.isPresent(in: options.output) else {
            try write(site)
            return []
        }
        let files = try SiteWriter(themeDirectory: options.themeDirectory).generatedFiles(site)
        var rewritten: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let target = options.output.appendingPathComponent(path)
            let data = Data(text.utf8)
            if FileManager.default.contents(atPath: target.path) == data { continue }
            let temporary = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
            do {
                try data.write(to: temporary)
            } catch {
                throw BookError.io("cannot write \(target.path): \(BookOutput.describe(error))")
            }
            if rename(temporary.path, target.path) != 0 {
                let why = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw BookError.io("cannot replace \(target.path): \(why)")
            }
            rewritten.append(path)
        }
        return rewritten
    }

    /// This build's cache, cache keys and runner, for one chapter at a time, under a
    /// CPU budget of `options.jobs` tokens as `build()` has.
    public func cachedRunner() -> CachedChapterRunner {
        let cache = ResultCache(directory: options.cache)
        let jobserver = Jobserver(tokens: max(options.jobs, 1))
        return CachedChapterRunner(
            runner: ChapterRunner(
                runtime: runtime, limits: options.limits, workDirectory: cache.workDirectory,
                jobserver: jobserver),
            cache: cache,
            keys: CacheKeyInputs.make(runtime: runtime, limits: options.limits, cache: options.cache),
            jobserver: jobserver)
    }
}

/// Runs single chapters through the build's cache, as `build()` runs each chapter: a
/// cached result when the chapter's code and everything else in its key are unchanged,
/// else a compile and run whose result is stored for the next build.
public struct CachedChapterRunner: Sendable {
    let runner: ChapterRunner
    let cache: ResultCache
    let keys: CacheKeyInputs
    let jobserver: Jobserver

    /// What the chapter's results depend on (its code, options, runtime, datasets):
    /// two versions of a chapter with the same key have the same results.
    public func key(for chapter: Chapter) -> String { keys.key(for: chapter) }

    /// The cached result for the chapter as it is now, if any.
    public func cachedResult(for chapter: Chapter) -> ChapterResult? {
        cache.result(for: chapter.slug, key: keys.key(for: chapter))
    }

    /// Seconds the chapter's last stored run took (of any version), for an estimate.
    public func lastRunSeconds(for chapter: Chapter) -> Double? {
        cache.entry(for: chapter.slug)?.seconds
    }

    /// Blocking: compiles and runs the chapter and stores its result (unless it is
    /// transient, like a timeout). Nil when cancelled: nothing is stored then. The
    /// program runs on one token of the budget; its replicates may take the others.
    public func run(
        _ chapter: Chapter, cancellation: RunCancellation,
        onEvent: @escaping @Sendable (RunEvent) -> Void
    ) -> ChapterResult? {
        jobserver.acquire()
        defer { jobserver.release() }
        guard let result = runner.run(chapter, cancellation: cancellation, onEvent: onEvent) else { return nil }
        if !result.isTransient {
            try? cache.store(result, for: chapter.slug, key: keys.key(for: chapter))
        }
        return result
    }
}
