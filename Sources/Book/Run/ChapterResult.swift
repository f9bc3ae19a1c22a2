import Notebook

/// Everything a chapter's run produced, block by block. Cached as JSON, so locations
/// are kept relative to blocks: a prose edit that moves a block down the file needs no
/// rerun, and the page still names the right Markdown lines.
public struct ChapterResult: Codable, Sendable {
    public var blocks: [BlockResult]
    /// A failure that belongs to no block (the runtime could not be found, the program
    /// exited with an error after its last block, …).
    public var chapterError: String?
    /// Seconds spent compiling and running.
    public var compileSeconds: Double
    public var runSeconds: Double
    /// True when the failure depends on the moment rather than the code (a timeout, a
    /// compiler that could not start), so the result must not be cached.
    public var isTransient: Bool

    public init(blocks: [BlockResult], chapterError: String? = nil, compileSeconds: Double = 0,
                runSeconds: Double = 0, isTransient: Bool = false) {
        self.blocks = blocks; self.chapterError = chapterError
        self.compileSeconds = compileSeconds; self.runSeconds = runSeconds
        self.isTransient = isTransient
    }

    public var hasFailures: Bool {
        chapterError != nil || blocks.contains { $0.status != .ran || $0.failedChecks > 0 }
    }
}

/// A place in a chapter's code: block `block`, line `line` of its code (1-based).
public struct CodeLocation: Codable, Sendable, Equatable {
    public var block: Int
    public var line: Int
    public var column: Int
}

public struct BlockResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Ran to its end (its expectations may still have failed).
        case ran
        /// Did not compile, trapped, threw, or ran out of time.
        case failed
        /// An earlier failure stopped the chapter before this block.
        case notRun
    }

    public enum Item: Codable, Sendable {
        case text(String)
        case table(ResultTable)
        case figure(ResultFigure)
        /// The outcome, with `line` made relative to `location`.
        case expectation(ExpectationOutcome, location: CodeLocation?)
        /// A remark by the tool, e.g. that output was cut.
        case note(String)
    }

    public struct Failure: Codable, Sendable {
        public enum Kind: String, Codable, Sendable { case compile, trap, timeout, notRun, other }
        public var kind: Kind
        public var message: String
        public var location: CodeLocation?
    }

    public var status: Status
    public var items: [Item] = []
    public var failure: Failure?
    public var seconds: Double?

    public init(status: Status, items: [Item] = [], failure: Failure? = nil, seconds: Double? = nil) {
        self.status = status; self.items = items; self.failure = failure; self.seconds = seconds
    }

    public var expectations: [ExpectationOutcome] {
        items.compactMap { if case .expectation(let e, _) = $0 { return e } else { return nil } }
    }
    public var failedExpectations: Int { expectations.filter { !$0.passed }.count }
    /// Figures that could not be drawn.
    public var failedFigures: [ResultFigure] {
        items.compactMap { if case .figure(let f) = $0, f.error != nil { return f } else { return nil } }
    }
    /// Failed expectations and figures that could not be drawn: what marks a block
    /// that ran as failing.
    public var failedChecks: Int { failedExpectations + failedFigures.count }
}

extension Chapter {
    /// Block-relative location of a Markdown line, if it lies in a run block's code.
    func location(line: Int, column: Int) -> CodeLocation? {
        guard let block = blocks.first(where: { $0.contains(line: line) }) else { return nil }
        // The column comes from what a program printed: bounded, so no sum overflows.
        return CodeLocation(block: block.index, line: line - block.codeLine + 1,
                            column: min(max(column, 1), 1 << 30) + block.column - 1)
    }

    /// `path:LINE:COLUMN` of a block-relative location in this chapter as it is now.
    public func describe(_ location: CodeLocation) -> String {
        let line = blocks.indices.contains(location.block) ? blocks[location.block].codeLine + location.line - 1 : location.line
        return "\(path):\(line):\(location.column)"
    }
}
