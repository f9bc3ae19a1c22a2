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
        /// The CPU budget: threads working at once across the whole build (chapter
        /// programs, their replicates, the compiler).
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var limits = RunLimits()
        public var themeDirectory: URL?
        /// Check the output's internal links (what `check` adds to `build`).
        public var checkLinks = false
        /// A source chapter an edition has not translated yet fails (else it is listed).
        public var strictEditions = false

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
        let lock = try await lockForWriting(purpose: "tutorial build") { observer.handle(.waiting($0)) }
        defer { lock.release() }
        let cache = ResultCache(directory: options.cache)

        let source = try BookSource.load(directory: options.chapters, path: options.chaptersPath)
        // Editions are read before anything runs: a bad book.toml stops the build at once.
        let settings = try BookSettings.load(directory: options.chapters, path: options.chaptersPath)
        let editions = try settings.editions.map {
            try Edition.load($0, chapters: options.chapters, chaptersPath: options.chaptersPath, source: source,
                             theme: options.themeDirectory)
        }
        let sourceChrome = try PageChrome.load(language: settings.language, theme: Theme(user: options.themeDirectory))
        let keys = CacheKeyInputs.make(runtime: runtime, limits: options.limits, cache: options.cache)
        let runner = ChapterRunner(runtime: runtime, limits: options.limits, workDirectory: cache.workDirectory)
        let jobserver = Jobserver(tokens: max(options.jobs, 1))
        let jobs = ChapterJobs(runner: runner, cache: cache, keys: keys, force: options.force, jobserver: jobserver)
        let usage = CPUUsage.start()
        let outcomes = await jobs.run(source.chapters, observer: observer)
        try Self.stopIfInterrupted()

        // Every edition is rendered from the same results: nothing runs twice.
        let results = outcomes.map(\.result)
        let book = BookEditions(settings: settings, source: source,
                                sourceSite: BookSite(source, results: results, options: PageOptions(chrome: sourceChrome)),
                                results: results, editions: editions, strict: options.strictEditions)
        let site = book.source
        try BookOutput.replace(options.output, with: site, editions: book.sites, files: book.files,
                               theme: options.themeDirectory, images: Self.images(in: options.chapters), from: options.chapters)
        var broken = options.checkLinks ? LinkChecker.brokenLinks(in: site, output: options.output) : []
        if options.checkLinks {
            for edition in book.sites {
                let folder = edition.edition.folder ?? ""
                broken += LinkChecker.brokenLinks(in: edition, output: options.output.appendingPathComponent(folder))
                    .map { folder + "/" + $0 }
            }
        }
        var report = BuildReport(outcomes: outcomes, brokenLinks: broken, output: options.output.path)
        report.editions = book.reports
        report.utilization = usage.finish(chapters: outcomes.filter { !$0.cached }.compactMap(\.result.cpuSeconds),
                                          jobserver: jobserver)
        return report
    }

    /// Throws if the tool was asked to stop (SIGINT, SIGTERM): the previous book stays.
    static func stopIfInterrupted(_ consequence: String = "the book was not written; the previous one is untouched") throws {
        if let signal = Interruption.shared.signal {
            throw BookError.io("\(Interruption.name(signal)): \(consequence)")
        }
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
            // Only regular files (or links to them): copying a named pipe would wait forever.
            var info = stat()
            guard extensions.contains((name as NSString).pathExtension.lowercased()),
                  stat(chapters.appendingPathComponent(path).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG
            else { continue }
            found.append(path)
        }
        return found.sorted()
    }
}
