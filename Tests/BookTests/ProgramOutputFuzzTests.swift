import Foundation
import NeuralEngine
import Notebook
import Testing

@testable import Book

/// Nothing a chapter program prints can crash the tool: its standard error (backtraces,
/// `file:line` forms), the compiler's output and the side channel go through the
/// parsers, the collector and the renderers with any bytes. A crash here kills the test
/// run, so passing means surviving every input. Seeded, so every run tries the same.
@Suite struct ProgramOutputFuzzTests {
    /// The engine's seeded generator, with the two draws the mutations need.
    struct Random {
        var generator: SeededRandom
        init(state: UInt64) { generator = SeededRandom(seed: state) }
        mutating func below(_ n: Int) -> Int { generator.int(below: max(n, 1)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// A chapter with an indented block (its column is 3), where a column taken from a
    /// backtrace is added to the block's.
    static let chapter = Chapter.parse(
        """
        # Fuzz

        ```swift run
        let a = 1
        print(a)
        ```

        - item

          ```swift run timeout=5
          let b = 2
          ```
        """, url: URL(fileURLWithPath: "/t/01-fuzz.md"), path: "chapters/01-fuzz.md")

    static let numbers = [
        "0", "-1", "1", "7", "10", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "99999999999999999999999", "", "x", "1e9", "0x10", "١٢",
    ]

    static let stderrSeeds = [
        "01-fuzz.md:4: Fatal error: boom",
        "Swift/ErrorType.swift:254: Fatal error: Error raised at top level: Chapter.Oops()",
        "*** Swift runtime failure: precondition failure ***",
        "  1                    0x000055c39b7492a2 main + 738 in chapter at /tmp/x/01-fuzz.md:4:7",
        "  1 [thunk]            0x00007f83f378e861 Dataset.init(inputs:labels:classCount:) + 65 in libNotebookRuntime.so at /work/x/Sources/NeuralEngine/Dataset.swift:8:9",
        "  0 [inlined] [system] 0x000055c39b7492a2 Swift runtime failure: precondition failure in chapter at //<compiler-generated>",
        "Thread 0 \"chapter\" crashed:",
    ]

    static let compilerSeeds = [
        "01-fuzz.md:4:5: error: cannot find 'foo' in scope",
        "01-fuzz.md:4:5: note: did you mean 'for'?",
        "/tmp/main.swift:3:1: error: something in generated code",
        "<unknown>:0: error: unable to write: No space left on device",
    ]

    static let channelSeeds = [
        #"{"blockStart":{"index":0}}"#, #"{"blockEnd":{"index":0}}"#, #"{"blockStart":{"index":1}}"#,
        #"{"text":{"_0":"hello\n"}}"#, #"{"textCut":{"omittedBytes":5}}"#,
        #"{"table":{"_0":{"columns":["a"],"rows":[["1","2","3"],[]],"numeric":[true,false,true]}}}"#,
        #"{"figure":{"_0":{"svg":"<svg onload=\"alert(1)\"><script>alert(1)</script></svg>","line":4}}}"#,
        #"{"figure":{"_0":{"svg":"","error":"bad","line":4}}}"#,
        #"{"expectation":{"_0":{"claim":"c","passed":false,"detail":"d","file":"01-fuzz.md","line":4}}}"#,
        #"{"progress":{"_0":{"done":3,"total":0}}}"#,
    ]

    /// `seed` with a few random edits: numbers swapped for extreme ones, bytes changed,
    /// pieces repeated or cut, other seeds spliced in.
    static func mutate(_ seed: String, _ random: inout Random, pool: [String]) -> String {
        var text = Array(seed.unicodeScalars)
        for _ in 0..<(1 + random.below(4)) {
            switch random.below(6) {
            case 0:
                // Replace a run of digits with an extreme number.
                if let start = text.indices.filter({ text[$0].properties.numericType != nil }).randomElement(using: &random) {
                    var end = start
                    while end < text.count, text[end].properties.numericType != nil { end += 1 }
                    text.replaceSubrange(start..<end, with: random.pick(numbers).unicodeScalars)
                }
            case 1:
                if !text.isEmpty { text[random.below(text.count)] = Unicode.Scalar(UInt8(random.below(256))) }
            case 2:
                if !text.isEmpty {
                    text.insert(
                        random.pick([":", " ", "\n", "\"", "\\", "{", "}", "\u{0}", " at ", " 0x"]).unicodeScalars.first!,
                        at: random.below(text.count))
                }
            case 3:
                if text.count > 2 {
                    let a = random.below(text.count)
                    text.removeSubrange(a..<min(text.count, a + random.below(8)))
                }
            case 4:
                text += ("\n" + random.pick(pool)).unicodeScalars
            default:
                if !text.isEmpty {
                    let a = random.below(text.count)
                    text.insert(contentsOf: text[a..<min(text.count, a + 20)], at: a)
                }
            }
        }
        return String(String.UnicodeScalarView(text))
    }

    @Test func trapReportsAndCompilerOutputSurviveAnyText() {
        var random = Random(state: 0x5EED)
        let chapter = Self.chapter
        for round in 0..<4000 {
            let stderr = (0..<(1 + random.below(6))).map { _ in Self.mutate(random.pick(Self.stderrSeeds), &random, pool: Self.stderrSeeds) }
                .joined(separator: "\n")
            let trap = TrapReport.parse(stderr, sourceName: "01-fuzz.md")
            if let line = trap.line, let location = chapter.location(line: line, column: trap.column ?? 1) {
                _ = chapter.place(location)
            }
            let compiler = (0..<(1 + random.below(4))).map { _ in Self.mutate(random.pick(Self.compilerSeeds), &random, pool: Self.compilerSeeds) }
                .joined(separator: "\n")
            for error in ChapterCompiler.parseErrors(compiler, sourceName: "01-fuzz.md") {
                if let line = error.line, let location = chapter.location(line: line, column: error.column ?? 1) {
                    _ = chapter.place(location)
                }
            }
            _ = round
        }
    }

    /// The case that crashed `tutorial`: a frame whose column is the largest integer,
    /// in a block that does not start at column 1.
    @Test func aHugeColumnInABacktraceIsBounded() {
        let trap = TrapReport.parse(
            "  1   0x000055c39b7492a2 main + 738 in chapter at /tmp/x/01-fuzz.md:11:9223372036854775807",
            sourceName: "01-fuzz.md")
        #expect(trap.line == 11 && trap.column == Int.max)
        let location = Self.chapter.location(line: 11, column: trap.column!)
        #expect(location?.block == 1)
        #expect(location?.column == (1 << 30) + 2)
        #expect(Self.chapter.blocks[1].column == 3)
    }

    @Test func theSideChannelAndStandardStreamsSurviveAnyBytes() {
        var random = Random(state: 0xC0FFEE)
        let chapter = Self.chapter
        var limits = RunLimits()
        limits.textBytesPerBlock = 2_000
        let terminations: [ChildProcess.Termination] = [.exited(0), .exited(1), .signalled(SIGILL), .signalled(SIGTERM), .timedOut, .interrupted]
        for round in 0..<1500 {
            let token = round % 3 == 0 ? nil : "TOKEN"
            var collector = ResultCollector(chapter: chapter, limits: limits, token: token) { _ in }
            for _ in 0..<(1 + random.below(12)) {
                var line = Self.mutate(random.pick(Self.channelSeeds), &random, pool: Self.channelSeeds)
                if token != nil, random.below(2) == 0 { line = "TOKEN " + line }
                var bytes = Array((line + (random.below(5) == 0 ? "" : "\n")).utf8)
                if random.below(10) == 0 { bytes += (0..<random.below(64)).map { _ in UInt8(random.below(256)) } }
                let stream: ChildProcess.Stream = random.pick([.channel, .channel, .channel, .stdout, .stderr])
                // In pieces, as pipes deliver them.
                var offset = 0
                while offset < bytes.count {
                    let n = 1 + random.below(bytes.count - offset)
                    bytes[offset..<(offset + n)].withUnsafeBytes { collector.receive(stream, $0) }
                    offset += n
                }
                if random.below(4) == 0 {
                    let stderr = Self.mutate(random.pick(Self.stderrSeeds), &random, pool: Self.stderrSeeds) + "\n"
                    Array(stderr.utf8).withUnsafeBytes { collector.receive(.stderr, $0) }
                }
                _ = collector.blockDeadline(default: 1)
            }
            let result = collector.finish(random.pick(terminations), sourceName: "01-fuzz.md", chapterTimedOut: random.below(2) == 0)
            // Everything downstream of a result: the page, the terminal, the report.
            let page = ChapterPageRenderer.render(chapter, result: result)
            #expect(!page.bodyHTML.contains("<script"))
            _ = TerminalResults(chapter: chapter, figureDirectory: URL(fileURLWithPath: "/nonexistent")).render(result)
            _ =
                BuildReport(
                    outcomes: [ChapterOutcome(chapter: chapter, result: result, cached: false, seconds: 0)],
                    brokenLinks: [], output: nil
                ).failureLines
        }
    }
}

extension ProgramOutputFuzzTests.Random: RandomNumberGenerator {
    mutating func next() -> UInt64 { generator.next() }
}
