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
        let source = try BookSource.load(directory: options.chapters, path: options.chaptersPath)
        let cache = ResultCache(directory: options.cache)
        let keys = CacheKeyInputs.make(runtime: runtime, limits: options.limits)
        let runner = ChapterRunner(runtime: runtime, limits: options.limits,
                                   workDirectory: options.cache.appendingPathComponent("build"))
        let jobserver = Jobserver(tokens: max(options.jobs, 1))
        let jobs = ChapterJobs(runner: runner, cache: cache, keys: keys, force: options.force, jobserver: jobserver)
        let usage = CPUUsage.start()
        let outcomes = await jobs.run(source.chapters, observer: observer)

        let pages = outcomes.map { ChapterPageRenderer.render($0.chapter, result: $0.result) }
        var landingHTML = ""
        if let landing = source.landing {
            var renderer = MarkdownHTML(math: landing.math) { _ in nil }
            landingHTML = renderer.render(landing.document).html
        }
        let site = BookSite(title: source.title, landingHTML: landingHTML, chapters: pages)
        try Self.writeAtomically(site, to: options.output, theme: options.themeDirectory,
                                 images: Self.images(in: options.chapters), from: options.chapters)
        let broken = options.checkLinks ? LinkChecker.brokenLinks(in: options.output) : []
        var report = BuildReport(outcomes: outcomes, brokenLinks: broken, output: options.output.path)
        report.utilization = usage.finish(chapters: outcomes.filter { !$0.cached }.compactMap(\.result.cpuSeconds),
                                          jobserver: jobserver)
        return report
    }

    /// Writes the site into a sibling temporary folder, then swaps it for `output`, so
    /// `output` is never half-written: a failed write leaves the previous book.
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

    static func writeAtomically(_ site: BookSite, to output: URL, theme: URL?,
                                images: [String] = [], from chapters: URL? = nil) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = UUID().uuidString.prefix(8)
        let temporary = parent.appendingPathComponent(".\(name).tmp-\(token)")
        let old = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try SiteWriter(themeDirectory: theme).write(site, to: temporary)
            if let chapters {
                for image in images {
                    let target = temporary.appendingPathComponent(image)
                    // The site's own files win over a picture of the same name.
                    guard !fm.fileExists(atPath: target.path) else { continue }
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.copyItem(at: chapters.appendingPathComponent(image), to: target)
                }
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw BookError.io("writing the book to \(output.path): \(error)")
        }
        let hadOutput = fm.fileExists(atPath: output.path)
        if hadOutput, rename(output.path, old.path) != 0 {
            try? fm.removeItem(at: temporary)
            throw BookError.io("cannot replace \(output.path): \(String(cString: strerror(errno)))")
        }
        if rename(temporary.path, output.path) != 0 {
            let why = String(cString: strerror(errno))
            if hadOutput { _ = rename(old.path, output.path) }
            try? fm.removeItem(at: temporary)
            throw BookError.io("cannot move the book into \(output.path): \(why)")
        }
        if hadOutput { try? fm.removeItem(at: old) }
    }
}
