import Foundation

/// What a build found: per chapter, its blocks and expectations; broken links; and the
/// counts `tutorial check` closes with.
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
        public var error: String?
        public var blocks: [BlockReport]
        public var expectations: [ExpectationReport]
    }

    public struct BlockReport: Codable, Sendable {
        /// `path:LINE` of the block's fence.
        public var location: String
        public var status: String
        public var message: String?
    }

    public struct ExpectationReport: Codable, Sendable {
        public var claim: String
        public var passed: Bool
        public var detail: String?
        public var location: String
        /// How many seeds the claim rests on (1 for plain values).
        public var seeds: Int
    }

    public var chapters: [ChapterReport]
    public var brokenLinks: [String]
    public var output: String?
    /// How busy the build kept the cores, when any chapter ran.
    public var utilization: Utilization?

    /// Checks: every block ran, every expectation held, every chapter loaded, no broken
    /// internal link.
    public var passed: Int {
        chapters.reduce(0) { n, c in
            n + c.blocks.filter { $0.status == "ran" }.count + c.expectations.filter(\.passed).count
        } + (brokenLinks.isEmpty ? 1 : 0)
    }

    public var failed: Int {
        chapters.reduce(0) { n, c in
            n + c.blocks.filter { $0.status != "ran" }.count + c.expectations.filter { !$0.passed }.count
                + (c.error != nil ? 1 : 0)
        } + brokenLinks.count
    }

    public var closingLine: String { "\(passed) passed, \(failed) failed" }

    /// One line per failure, `path:LINE:COL: message`.
    public var failureLines: [String] {
        var lines: [String] = []
        for chapter in chapters {
            if let error = chapter.error { lines.append(error) }
            for block in chapter.blocks where block.status == "failed" {
                lines.append(block.message ?? "\(block.location): failed")
            }
            for e in chapter.expectations where !e.passed {
                lines.append("\(e.location): expectation failed: \(e.claim)\(e.detail.map { " (\($0))" } ?? "")")
            }
        }
        lines += brokenLinks.map { "broken link: \($0)" }
        return lines
    }

    init(outcomes: [ChapterOutcome], brokenLinks: [String], output: String?) {
        self.brokenLinks = brokenLinks
        self.output = output
        chapters = outcomes.map { outcome in
            let chapter = outcome.chapter
            var blocks: [BlockReport] = []
            var expectations: [ExpectationReport] = []
            for block in chapter.blocks {
                let result = outcome.result.blocks.indices.contains(block.index)
                    ? outcome.result.blocks[block.index] : BlockResult(status: .notRun)
                var message = result.failure?.message
                if result.status == .failed, let failure = result.failure {
                    let location = failure.location.map { chapter.describe($0) } ?? "\(chapter.path):\(block.codeLine):\(block.column)"
                    message = location + ": " + failure.message
                }
                blocks.append(BlockReport(location: "\(chapter.path):\(block.fenceLine)",
                                          status: result.status.rawValue, message: message))
                for item in result.items {
                    switch item {
                    case .expectation(let e, let location):
                        expectations.append(ExpectationReport(
                            claim: e.claim, passed: e.passed, detail: e.detail,
                            location: location.map { chapter.describe($0) } ?? chapter.path, seeds: e.seeds))
                    case .figure(let f) where f.error != nil:
                        // A figure that could not be drawn fails like an expectation.
                        let location = f.line.flatMap { chapter.location(line: $0, column: 1) }
                        expectations.append(ExpectationReport(
                            claim: "the figure\(f.caption.map { " “\($0)”" } ?? "") can be drawn", passed: false,
                            detail: f.error, location: location.map { chapter.describe($0) } ?? chapter.path, seeds: 1))
                    default:
                        break
                    }
                }
            }
            return ChapterReport(path: chapter.path, title: chapter.title, cached: outcome.cached,
                                 seconds: outcome.seconds, compileSeconds: outcome.result.compileSeconds,
                                 runSeconds: outcome.result.runSeconds, cpuSeconds: outcome.result.cpuSeconds,
                                 error: outcome.result.chapterError,
                                 blocks: blocks, expectations: expectations)
        }
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Wrapped: Encodable { var report: BuildReport; var passed: Int; var failed: Int
            enum CodingKeys: String, CodingKey { case chapters, brokenLinks, output, utilization, passed, failed }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(report.chapters, forKey: .chapters)
                try c.encode(report.brokenLinks, forKey: .brokenLinks)
                try c.encodeIfPresent(report.output, forKey: .output)
                try c.encodeIfPresent(report.utilization, forKey: .utilization)
                try c.encode(passed, forKey: .passed)
                try c.encode(failed, forKey: .failed)
            }
        }
        let data = (try? encoder.encode(Wrapped(report: self, passed: passed, failed: failed))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
