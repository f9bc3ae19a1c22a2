import NotebookProtocol

/// Everything a chapter's run produced, block by block: what the page, the failure
/// banner, the terminal, the JSON report and the exit status are all computed from.
///
/// Cached as JSON, so locations are kept relative to blocks (`CodeLocation`): a prose
/// edit that moves a block down the file needs no rerun, and the page still names the
/// right Markdown lines. Pair a result with its chapter to resolve them
/// (`Chapter.failures(of:)`).
public struct ChapterResult: Codable, Sendable {
    public var blocks: [BlockResult]
    /// Failures that belong to no block: the compiler failed outside the chapter's code,
    /// the program could not be written or started, it exited with an error after its
    /// last block.
    public var failures: [RunFailure]
    /// Seconds spent compiling and running.
    public var compileSeconds: Double
    public var runSeconds: Double
    /// CPU seconds (user and system) of the compiler and the program, all threads;
    /// nil in results cached before it was measured.
    public var cpuSeconds: Double?
    /// True when the failure depends on the moment rather than the code (a timeout, a
    /// compiler that could not start), so the result must not be cached.
    public var isTransient: Bool

    public init(
        blocks: [BlockResult], failures: [RunFailure] = [], compileSeconds: Double = 0,
        runSeconds: Double = 0, isTransient: Bool = false
    ) {
        self.blocks = blocks
        self.failures = failures
        self.compileSeconds = compileSeconds
        self.runSeconds = runSeconds
        self.isTransient = isTransient
    }

    /// A result in which no block ran, for `reason` (the chapter has errors, say).
    public static func notRun(
        _ chapter: Chapter, reason: String, failures: [RunFailure] = [],
        isTransient: Bool = false
    ) -> ChapterResult {
        ChapterResult(
            blocks: chapter.blocks.map { _ in BlockResult(status: .notRun, notRunReason: reason) },
            failures: failures, isTransient: isTransient)
    }

    /// The block's result; a block the result does not know of (the chapter gained one
    /// since) did not run.
    public func block(_ index: Int) -> BlockResult {
        blocks.indices.contains(index) ? blocks[index] : BlockResult(status: .notRun)
    }
}

/// What one run block did.
public struct BlockResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Ran to its end (its expectations may still have failed).
        case ran
        /// Did not compile, trapped, threw, exited or ran out of time: `failures` says how.
        case failed
        /// Did not run, because an earlier block failed or the chapter has errors. Shown
        /// on the page, not counted as a failure of its own.
        case notRun
    }

    public var status: Status
    public var items: [ResultItem]
    /// Why the block failed: one entry per compiler error, or the trap, timeout or exit
    /// that stopped it. Empty unless `status == .failed`.
    public var failures: [RunFailure]
    /// Why it did not run, e.g. `did not run: block 1 failed at line 7`.
    public var notRunReason: String?
    public var seconds: Double?

    public init(
        status: Status, items: [ResultItem] = [], failures: [RunFailure] = [],
        notRunReason: String? = nil, seconds: Double? = nil
    ) {
        self.status = status
        self.items = items
        self.failures = failures
        self.notRunReason = notRunReason
        self.seconds = seconds
    }

    public var expectations: [ExpectationOutcome] {
        items.compactMap { if case .expectation(let e, _) = $0 { return e } else { return nil } }
    }
}

/// One thing a block showed, in the order it came.
public enum ResultItem: Codable, Sendable {
    case text(String)
    case table(ResultTable)
    /// A figure, with where `figure` was called (nil when outside the block's code).
    case figure(ResultFigure, location: CodeLocation?)
    /// The outcome, with where `expect` was called.
    case expectation(ExpectationOutcome, location: CodeLocation?)
    /// A remark by the tool, e.g. that output was cut.
    case note(String)
}

/// A failure as the runner records it, located relative to a block.
public struct RunFailure: Codable, Sendable, Equatable {
    public var kind: ChapterFailure.Kind
    /// `error: …`, as the compiler or the program said it.
    public var message: String
    public var location: CodeLocation?

    public init(kind: ChapterFailure.Kind, message: String, location: CodeLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}
