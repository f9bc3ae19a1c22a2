/// What a chapter program tells the book while it runs, one message per line of JSON
/// on the side channel. The book decodes the same type, so the two cannot drift apart.
public enum NotebookMessage: Codable, Sendable, Equatable {
    /// Block `index` (0-based, in chapter order) begins.
    case blockStart(index: Int)
    /// Printed text, in order with everything else.
    case text(String)
    /// Printed text beyond the block's limit was dropped: this many bytes.
    case textCut(omittedBytes: Int)
    case table(ResultTable)
    case figure(ResultFigure)
    case expectation(ExpectationOutcome)
    case progress(ProgressUpdate)
    /// Block `index` finished without trapping.
    case blockEnd(index: Int)
}

/// A table of results, every cell already formatted as text.
public struct ResultTable: Codable, Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
    /// For each column, whether its cells are numbers (right-aligned).
    public var numeric: [Bool]
    public var caption: String?
    public var id: String?

    public init(columns: [String], rows: [[String]], numeric: [Bool], caption: String?, id: String?) {
        self.columns = columns; self.rows = rows; self.numeric = numeric
        self.caption = caption; self.id = id
    }
}

/// An SVG figure with its caption, or why it could not be drawn.
public struct ResultFigure: Codable, Sendable, Equatable {
    public var svg: String
    public var caption: String?
    public var id: String?
    /// The plotting error when the figure could not be drawn (then `svg` is empty);
    /// marked on the page and failing `check`, like a failed expectation.
    public var error: String?
    /// Where `figure` was called (mapped to the chapter's Markdown like expectations).
    public var line: Int?

    public init(svg: String, caption: String?, id: String?, error: String? = nil, line: Int? = nil) {
        self.svg = svg; self.caption = caption; self.id = id; self.error = error; self.line = line
    }
}

/// A claim the chapter makes and whether the experiment bore it out.
public struct ExpectationOutcome: Codable, Sendable, Equatable {
    public var claim: String
    public var passed: Bool
    /// The compared values, e.g. `0.312 < 0.297`.
    public var detail: String?
    /// Where `expect` was called, as the compiler saw it (`#sourceLocation` maps it to
    /// the chapter's Markdown).
    public var file: String
    public var line: Int
    /// How many seeds the claim rests on: 1 for plain values, n for a claim on
    /// replicates (`replicate(seeds:)`).
    public var seeds: Int

    public init(claim: String, passed: Bool, detail: String?, file: String, line: Int, seeds: Int = 1) {
        self.claim = claim; self.passed = passed; self.detail = detail
        self.file = file; self.line = line; self.seeds = seeds
    }

    private enum CodingKeys: String, CodingKey { case claim, passed, detail, file, line, seeds }

    /// Results cached before claims had seeds decode as resting on one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        claim = try c.decode(String.self, forKey: .claim)
        passed = try c.decode(Bool.self, forKey: .passed)
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        file = try c.decode(String.self, forKey: .file)
        line = try c.decode(Int.self, forKey: .line)
        seeds = try c.decodeIfPresent(Int.self, forKey: .seeds) ?? 1
    }
}

/// How far a long loop has come.
public struct ProgressUpdate: Codable, Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var label: String?

    public init(done: Int, total: Int, label: String?) {
        self.done = done; self.total = total; self.label = label
    }
}
