import Foundation

/// `tutorial build` and `tutorial check`: load the chapters, run what is not cached,
/// render every page, and move the finished book into place.
public struct BookBuilder: Sendable {
    public struct Options: Sendable {
        /// The chapters folder, and the same as the user wrote it (for diagnostics).
        public var chapters: URL
        public var chaptersPath: String
        public var output: URL
        public var cache: URL
        public var force = false
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var limits = RunLimits()
        public var themeDirectory: URL?
        /// Check the output's internal links (what `check` adds to `build`).
        public var checkLinks = false
        /// Make `book.pdf` too (`build --pdf`), with these options.
        public var pdf: BookPDF.Options?

        public init(chapters: URL, chaptersPath: String, output: URL, cache: URL) {
            self.chapters = chapters; self.chaptersPath = chaptersPath
            self.output = output; self.cache = cache
        }
    }

    public var options: Options
    public var runtime: RuntimeLocation

    public init(options: Options, runtime: RuntimeLocation) {
        self.options = options; self.runtime = runtime
    }

    public func build(observer: BuildObserver = SilentObserver()) async throws -> BuildReport {
        // Nothing runs before the folders are known to be safe to write.
        let folders = BookFolders(chapters: options.chapters, output: options.output, cache: options.cache)
        try folders.check()
        let cache = ResultCache(directory: options.cache)
        let lock = try await BookLock.acquire(in: options.cache, purpose: "tutorial build",
                                              prepare: cache.prepare) { observer.handle(.waiting($0)) }
        defer { lock.release() }
        // Another build may have changed them while this one waited.
        try folders.check()
        BookOutput.sweepLeftovers(of: options.output)
        cache.sweepWorkDirectory()

        let source = try BookSource.load(directory: options.chapters, path: options.chaptersPath)
        let keys = CacheKeyInputs.make(runtime: runtime, limits: options.limits)
        let runner = ChapterRunner(runtime: runtime, limits: options.limits, workDirectory: cache.workDirectory)
        let jobs = ChapterJobs(runner: runner, cache: cache, keys: keys, force: options.force, jobs: options.jobs)
        let outcomes = await jobs.run(source.chapters, observer: observer)

        let site = BookSite(source, results: outcomes.map(\.result))
        let pdf = try await write(site, source: source, observer: observer)
        let broken = options.checkLinks ? LinkChecker.brokenLinks(in: site, output: options.output) : []
        var report = BuildReport(outcomes: outcomes, brokenLinks: broken, output: options.output.path)
        switch pdf {
        case .success(var outcome):
            // It was made in the folder that became the book.
            outcome.path = options.output.appendingPathComponent(BookPDF.fileName).path
            report.pdf = outcome
        case .failure(let error): report.pdfError = error.description
        case nil: break
        }
        return report
    }

    /// Writes the book, with its PDF when asked (printed into the finished folder before
    /// it is swapped in, so the book appears with its PDF). A PDF that cannot be made
    /// leaves the pages to be written without it; the outcome says why.
    private func write(_ site: BookSite, source: BookSource,
                       observer: BuildObserver) async throws -> Result<BookPDF.Outcome, BookError>? {
        let options = self.options
        let images = Self.images(in: options.chapters)
        let paths = Dictionary(source.chapters.map { ($0.slug, $0.path) }) { first, _ in first }
        var pdfOptions = options.pdf
        pdfOptions?.chapterName = { paths[$0] ?? $0 }
        pdfOptions?.willPrint = { observer.handle(.printingPDF) }
        let printing = pdfOptions
        return try await ChapterJobs.onThread {
            Result { () throws -> Result<BookPDF.Outcome, BookError>? in
                var pdf: Result<BookPDF.Outcome, BookError>? = nil
                try BookOutput.replace(options.output, with: site, theme: options.themeDirectory,
                                       images: images, from: options.chapters) { folder in
                    guard let printing else { return }
                    do {
                        pdf = .success(try BookPDF.make(in: folder, cache: options.cache, options: printing))
                    } catch {
                        pdf = .failure(error as? BookError ?? .printing("\(error)"))
                    }
                }
                return pdf
            }
        }.get()
    }

    /// Pictures beside the chapters (for `![…](images/x.png)` in prose), by path relative
    /// to the chapters folder; they are copied to the same place in the output.
    static func images(in chapters: URL) -> [String] {
        let extensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp"]
        guard let enumerator = FileManager.default.enumerator(atPath: chapters.path) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { enumerator.skipDescendants(); continue }
            if extensions.contains((name as NSString).pathExtension.lowercased()) { found.append(path) }
        }
        return found.sorted()
    }
}
