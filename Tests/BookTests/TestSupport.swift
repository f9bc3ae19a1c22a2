import Foundation
import Testing

@testable import Book

/// A fixture book copied into a fresh temporary folder, built with the runtime that
/// `swift build` / `swift test` put next to the test bundle.
struct TestBook: Sendable {
    var root: URL
    var report: BuildReport

    var chapters: URL { root.appendingPathComponent("chapters") }
    var output: URL { root.appendingPathComponent("output") }
    var cache: URL { root.appendingPathComponent("cache") }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A temporary folder holding a copy of the fixture's `chapters/`.
    static func copy(_ fixture: String) throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("book-tests-\(fixture)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent(fixture).appendingPathComponent("chapters"),
            to: root.appendingPathComponent("chapters"))
        return root
    }

    /// A temporary book made of the given chapters.
    static func make(_ files: [String: String]) throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("book-tests-\(UUID().uuidString.prefix(8))")
        let chapters = root.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: chapters.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return root
    }

    static func runtime() throws -> RuntimeLocation {
        do {
            return try RuntimeLocation.find()
        } catch {
            Issue.record("No notebook runtime next to the tests: \(error). Build it with `swift build` before `swift test --skip-build`.")
            throw error
        }
    }

    static func options(root: URL, force: Bool = false, jobs: Int = 2) -> BookBuilder.Options {
        var options = BookBuilder.Options(
            chapters: root.appendingPathComponent("chapters"), chaptersPath: "chapters",
            output: root.appendingPathComponent("output"),
            cache: root.appendingPathComponent("cache"))
        options.force = force
        options.jobs = jobs
        options.checkLinks = true
        options.limits.textBytesPerBlock = 20_000
        return options
    }

    static func build(
        root: URL, force: Bool = false, jobs: Int = 2,
        observer: BuildObserver = SilentObserver()
    ) async throws -> TestBook {
        let builder = BookBuilder(options: options(root: root, force: force, jobs: jobs), runtime: try runtime())
        return TestBook(root: root, report: try await builder.build(observer: observer))
    }

    static func build(fixture: String) async throws -> TestBook {
        try await build(root: try copy(fixture))
    }

    func page(_ slug: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(slug + ".html"), encoding: .utf8)
    }

    func chapter(_ path: String) -> BuildReport.ChapterReport? {
        report.chapters.first { $0.path == "chapters/" + path }
    }
}

/// Fixture books built once and shared by the tests that only read them.
enum SharedBuilds {
    static let basics = Task { try await TestBook.build(fixture: "basics") }
    static let failures = Task { try await TestBook.build(fixture: "failures") }
}

/// Records build events, for tests that look at what ran when.
final class EventRecorder: BuildObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    func handle(_ event: BuildEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .chapterStarted(let slug): recorded.append("start \(slug)")
        case .chapterFinished(let slug, _, let cached, _): recorded.append("\(cached ? "cached" : "finish") \(slug)")
        default: break
        }
    }

    var events: [String] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}

extension String {
    func count(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}
