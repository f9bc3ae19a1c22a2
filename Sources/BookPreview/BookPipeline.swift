import Book
import Foundation

/// Everything the preview asks of the book pipeline, in one place, so that a change to
/// Book's API touches this file only.
protocol BookPipeline: Sendable {
    /// The chapters folder as it is now. With `previous`, when the same Markdown files
    /// are there, only those in `changed` (standardized paths) are read and parsed again.
    func load(previous: BookSource?, changed: Set<String>) throws -> BookSource
    /// Equal keys, equal results: a prose edit keeps the key, a code edit changes it.
    func key(for chapter: Chapter) -> String
    func cachedResult(for chapter: Chapter) -> ChapterResult?
    func lastRunSeconds(for chapter: Chapter) -> Double?
    /// Blocking; nil when cancelled.
    func run(
        _ chapter: Chapter, cancellation: RunCancellation,
        onActivity: @escaping @Sendable (RunActivity) -> Void
    ) -> ChapterResult?
    /// Writes the book from a result per chapter: `whole`, as `build` does (everything,
    /// swapped in at once); else only the pages and search index whose text changed.
    /// Returns the pages (the output's top-level HTML files) as they now are.
    func write(_ source: BookSource, results: [ChapterResult], whole: Bool) throws -> [String: Data]
    /// What the page shows for a chapter that has not run yet.
    func notYetRun(_ chapter: Chapter) -> ChapterResult
    func failures(of chapter: Chapter, result: ChapterResult) -> [PreviewFailure]
}

/// What a running chapter is doing, for the progress shown in the page.
enum RunActivity: Sendable {
    case compiling
    case block(index: Int, of: Int)
    case progress(done: Int, total: Int, label: String?)
}

/// One problem of a chapter, as the overlay lists it.
struct PreviewFailure: Codable, Sendable, Equatable {
    /// `chapters/03-x.md:LINE:COL: message`, as `build` prints it.
    var text: String
    /// The id of the block it belongs to on the page, to link to.
    var anchor: String?
}

/// The pipeline of `tutorial build`: its builder, cache and page renderer.
struct BuildPipeline: BookPipeline {
    let builder: BookBuilder
    let runner: CachedChapterRunner

    init(builder: BookBuilder) {
        self.builder = builder
        self.runner = builder.cachedRunner()
    }

    func load(previous: BookSource?, changed: Set<String>) throws -> BookSource {
        let directory = builder.options.chapters
        guard var source = previous, sameFiles(as: source) else {
            return try BookSource.load(directory: directory, path: builder.options.chaptersPath)
        }
        func isChanged(_ chapter: Chapter) -> Bool { changed.contains(chapter.url.standardizedFileURL.path) }
        for (index, chapter) in source.chapters.enumerated() where isChanged(chapter) {
            source.chapters[index] = try Chapter.load(url: chapter.url, path: chapter.path)
        }
        if let landing = source.landing, isChanged(landing) {
            let reloaded = try Chapter.load(url: landing.url, path: landing.path)
            source.landing = reloaded
            source.title = reloaded.title
        }
        return source
    }

    /// Whether the chapters folder holds the Markdown files `source` was loaded from.
    private func sameFiles(as source: BookSource) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: builder.options.chapters.path)) ?? []
        let markdown = Set(names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && $0 != "README.md" })
        let loaded = Set((source.chapters + [source.landing].compactMap { $0 }).map(\.url.lastPathComponent))
        return markdown == loaded
    }

    func key(for chapter: Chapter) -> String { runner.key(for: chapter) }
    func cachedResult(for chapter: Chapter) -> ChapterResult? { runner.cachedResult(for: chapter) }
    func lastRunSeconds(for chapter: Chapter) -> Double? { runner.lastRunSeconds(for: chapter) }

    func run(
        _ chapter: Chapter, cancellation: RunCancellation,
        onActivity: @escaping @Sendable (RunActivity) -> Void
    ) -> ChapterResult? {
        runner.run(chapter, cancellation: cancellation) { event in
            switch event {
            case .compiling: onActivity(.compiling)
            case .block(let index, let count): onActivity(.block(index: index, of: count))
            case .progress(let p): onActivity(.progress(done: p.done, total: p.total, label: p.label))
            case .item, .blockFinished: break
            }
        }
    }

    func write(_ source: BookSource, results: [ChapterResult], whole: Bool) throws -> [String: Data] {
        let site = BookSite(source, results: results)
        if whole {
            try builder.write(site)
        } else {
            do { _ = try builder.update(site) } catch { try builder.write(site) }
        }
        let output = builder.options.output
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        var pages: [String: Data] = [:]
        for name in names where name.hasSuffix(".html") {
            pages[name] = FileManager.default.contents(atPath: output.appendingPathComponent(name).path)
        }
        return pages
    }

    func notYetRun(_ chapter: Chapter) -> ChapterResult {
        .notRun(chapter, reason: "not run yet: the preview is running this chapter")
    }

    func failures(of chapter: Chapter, result: ChapterResult) -> [PreviewFailure] {
        chapter.failures(of: result).map { PreviewFailure(text: $0.description, anchor: $0.anchor) }
    }
}
