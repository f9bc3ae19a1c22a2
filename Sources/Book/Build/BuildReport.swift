import Foundation
import NotebookProtocol

/// What a build found, computed from the chapters' results: per chapter its blocks,
/// expectations and failures; broken links; and the counts `tutorial check` closes
/// with. `tutorial check --json` prints it.
///
/// What counts: a block that ran and an expectation that held pass; every failure of
/// `Chapter.failures(of:)` fails once (a load error, a compiler error, a trap, a
/// timeout, a failed expectation, a figure that could not be drawn), and so does every
/// broken link. A block that did not run because an earlier one failed counts neither
/// way. A book without broken links passes one more check.
public struct BuildReport: Codable, Sendable {
    public struct ChapterReport: Codable, Sendable {
        public var path: String
        public var title: String
        public var cached: Bool
        /// Wall time of this build's work on the chapter (0 when cached), and the
        /// compile and run times of the results shown (from the cache when cached).
        public var seconds: Double
        public var compileSeconds: Double
        public var runSeconds: Double
        /// CPU seconds of the compiler and the program (all threads) for the results
        /// shown; nil for results cached before it was measured.
        public var cpuSeconds: Double?
        public var passed: Int
        public var failed: Int
        public var blocks: [BlockReport]
        public var expectations: [ExpectationReport]
        /// Every failure, in page order; `failed` is their number.
        public var failures: [ChapterFailure]
    }

    public struct BlockReport: Codable, Sendable {
        /// The block's fence.
        public var location: SourceLocation
        /// Its id on the page (`block-2`, or its `id=`).
        public var anchor: String
        public var status: BlockResult.Status
        /// Why it did not run, when it did not.
        public var reason: String?
        public var seconds: Double?
    }

    public struct ExpectationReport: Codable, Sendable {
        public var claim: String
        public var passed: Bool
        public var detail: String?
        public var location: SourceLocation
        /// How many seeds the claim rests on (1 for plain values).
        public var seeds: Int
    }

    public var chapters: [ChapterReport]
    /// The book's editions in other languages: their translations' checks.
    public var editions: [EditionReport] = []
    public var brokenLinks: [String]
    public var output: String?
    /// How busy the build kept the cores and how full the CPU budget was, when any
    /// chapter ran.
    public var utilization: Utilization?
    /// The PDF, when the build made one (`--pdf`), or why it could not.
    public var pdf: BookPDF.Outcome?
    public var pdfError: String?

    public var tally: Tally {
        let book = chapters.reduce(Tally(passed: brokenLinks.isEmpty ? 1 : 0, failed: brokenLinks.count)) {
            $0 + Tally(passed: $1.passed, failed: $1.failed)
        }
        return editions.reduce(book) { $0 + $1.tally }
    }

    public var passed: Int { tally.passed }
    public var failed: Int { tally.failed }

    /// `N passed, N failed`.
    public var closingLine: String { tally.line }

    /// One line per failure, `path:LINE:COL: message`: `failed` lines.
    public var failureLines: [String] {
        chapters.flatMap { $0.failures.map(\.description) } + editions.flatMap { $0.failures.map(\.description) }
            + brokenLinks.map { "broken link: \($0)" }
    }

    public init(outcomes: [ChapterOutcome], brokenLinks: [String], output: String?) {
        self.brokenLinks = brokenLinks
        self.output = output
        chapters = outcomes.map { outcome in
            let chapter = outcome.chapter
            let result = outcome.result
            var expectations: [ExpectationReport] = []
            let blocks = chapter.blocks.map { block -> BlockReport in
                let blockResult = result.block(block.index)
                for case .expectation(let e, let location) in blockResult.items {
                    expectations.append(
                        ExpectationReport(
                            claim: e.claim, passed: e.passed, detail: e.detail,
                            location: chapter.place(location, inBlock: block.index), seeds: e.seeds))
                }
                return BlockReport(
                    location: SourceLocation(file: chapter.path, line: block.fenceLine), anchor: block.anchor,
                    status: blockResult.status, reason: blockResult.notRunReason,
                    seconds: blockResult.seconds)
            }
            let tally = chapter.tally(of: result)
            return ChapterReport(
                path: chapter.path, title: chapter.title, cached: outcome.cached,
                seconds: outcome.seconds, compileSeconds: result.compileSeconds,
                runSeconds: result.runSeconds, cpuSeconds: result.cpuSeconds,
                passed: tally.passed, failed: tally.failed,
                blocks: blocks, expectations: expectations, failures: chapter.failures(of: result))
        }
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Wrapped: Encodable {
            var report: BuildReport
            enum CodingKeys: String, CodingKey { case chapters, editions, brokenLinks, output, utilization, passed, failed }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(report.chapters, forKey: .chapters)
                try c.encode(report.editions, forKey: .editions)
                try c.encode(report.brokenLinks, forKey: .brokenLinks)
                try c.encodeIfPresent(report.output, forKey: .output)
                try c.encodeIfPresent(report.utilization, forKey: .utilization)
                try c.encode(report.passed, forKey: .passed)
                try c.encode(report.failed, forKey: .failed)
            }
        }
        let data = (try? encoder.encode(Wrapped(report: self))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
