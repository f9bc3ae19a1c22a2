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
    /// replicates.
    public var seeds: Int

    public init(claim: String, passed: Bool, detail: String?, file: String, line: Int, seeds: Int = 1) {
        self.claim = claim
        self.passed = passed
        self.detail = detail
        self.file = file
        self.line = line
        self.seeds = seeds
    }

    private enum CodingKeys: String, CodingKey { case claim, passed, detail, file, line, seeds }

    /// Messages and results from before claims had seeds decode as resting on one.
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
