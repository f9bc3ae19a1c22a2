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
        /// Make `book.pdf` too (`build --pdf`), with these options.
        public var pdf: BookPDF.Options?
        /// A source chapter an edition has not translated yet fails (else it is listed).
        public var strictEditions = false

        public init(chapters: URL, chaptersPath: String, output: URL, cache: URL) {
            self.chapters = chapters
            self.chaptersPath = chaptersPath
            self.output = output
            self.cache = cache
        }
    }

    public var options: Options
    public var runtime: RuntimeLocation

    public init(options: Options, runtime: RuntimeLocation) {
        self.options = options
        self.runtime = runtime
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
            try Edition.load(
                $0, chapters: options.chapters, chaptersPath: options.chaptersPath, source: source,
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
        let book = BookEditions(
            settings: settings, source: source,
            sourceSite: BookSite(source, results: results, options: PageOptions(chrome: sourceChrome)),
            results: results, editions: editions, strict: options.strictEditions)
        let site = book.source
        let pdf = try await writeBook(site, editions: book.sites, files: book.files, source: source, observer: observer)
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
        report.utilization = usage.finish(
            chapters: outcomes.filter { !$0.cached }.compactMap(\.result.cpuSeconds),
            jobserver: jobserver)
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
    /// it is swapped in, so the book appears with its PDF; the source edition's). A PDF
    /// that cannot be made leaves the pages to be written without it; the outcome says
    /// why. Interrupted while printing, it writes nothing.
    private func writeBook(
        _ site: BookSite, editions: [BookSite], files: [String: String], source: BookSource,
        observer: BuildObserver
    ) async throws -> Result<BookPDF.Outcome, BookError>? {
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
                try BookOutput.replace(
                    options.output, with: site, editions: editions, files: files,
                    theme: options.themeDirectory, images: images, from: options.chapters
                ) { folder in
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
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
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
