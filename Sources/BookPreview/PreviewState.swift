import Book
import Foundation

/// What the open pages are told, as the `state` event: per chapter, whether it is
/// running (and how far it has come) and what failed in its latest results.
struct PreviewState: Codable, Sendable {
    struct Chapter: Codable, Sendable {
        var slug: String
        var path: String
        var title: String
        /// Set while the chapter waits for or runs its program.
        var run: RunStatus?
        /// The latest results' failures (the overlay), empty when it passed.
        var failures: [PreviewFailure]
        /// True while the served page is the chapter's last good version rather than
        /// its failing one.
        var showingLastGood: Bool
    }

    struct RunStatus: Codable, Sendable {
        /// `queued`, `compiling` or `running`.
        var phase: String
        /// 1-based block being run, of `blocks`.
        var block: Int?
        var blocks: Int?
        var progress: Progress?
        /// Seconds since the run started, when this state was sent.
        var elapsed: Double
        /// Seconds the chapter's previous run took, if known.
        var estimate: Double?
    }

    struct Progress: Codable, Sendable {
        var done: Int
        var total: Int
        var label: String?
    }

    /// Bumped at every rewrite of the book.
    var generation: Int
    var chapters: [Chapter]
    /// Why the book could not be rebuilt (the chapters folder cannot be read, the
    /// output cannot be written); the pages served are the last that were written.
    var error: String?
}

/// The `reload` event: which pages were rewritten with different contents.
struct ReloadEvent: Codable, Sendable {
    var generation: Int
    /// File names of changed pages (`03-x.html`, `index.html`).
    var pages: [String]
    /// Every page should reload (a picture or the theme changed).
    var all: Bool
}

/// One chapter's run: how far it has come. Updated by the thread that runs it, read
/// when the state is sent.
final class ActiveRun: @unchecked Sendable {
    let key: String
    let estimate: Double?
    let cancellation = RunCancellation()
    private let lock = NSLock()
    private var started: Date?
    private var phase = "queued"
    private var block: Int?
    private var blocks: Int?
    private var progress: PreviewState.Progress?

    init(key: String, estimate: Double?) {
        self.key = key
        self.estimate = estimate
    }

    func begin() {
        lock.lock()
        started = Date()
        phase = "compiling"
        lock.unlock()
    }

    var hasStarted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return started != nil
    }

    func update(_ activity: RunActivity) {
        lock.lock()
        defer { lock.unlock() }
        switch activity {
        case .compiling: phase = "compiling"
        case .block(let index, let count):
            phase = "running"
            block = index + 1
            blocks = count
            progress = nil
        case .progress(let done, let total, let label):
            progress = PreviewState.Progress(done: done, total: total, label: label)
        }
    }

    var status: PreviewState.RunStatus {
        lock.lock()
        defer { lock.unlock() }
        return PreviewState.RunStatus(
            phase: phase, block: block, blocks: blocks, progress: progress,
            elapsed: started.map { Date().timeIntervalSince($0) } ?? 0,
            estimate: estimate)
    }
}
