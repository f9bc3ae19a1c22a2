import Foundation
import Notebook

/// What the runner reports while a chapter runs (for the terminal's progress display).
public enum RunEvent: Sendable {
    case compiling
    case block(index: Int, of: Int)
    case progress(ProgressUpdate)
    /// A result of block `block` as it arrives (printed text in the pieces it came in).
    case item(block: Int, BlockResult.Item)
}

/// Limits that keep a bad chapter from hanging or flooding the build.
public struct RunLimits: Sendable {
    /// Default time limit of one block, when it sets no `timeout=`.
    public var blockSeconds: Double = 120
    /// Time limit of a whole chapter's run.
    public var chapterSeconds: Double = 900
    /// Printed bytes kept per block; the rest is cut with a note.
    public var textBytesPerBlock = 100_000
    /// Bytes of all messages (figures included) accepted from one chapter.
    public var channelBytes = 64 << 20
    public init() {}
}

/// Compiles a chapter's blocks into one program, runs it, and turns what comes back
/// over the side channel into results per block.
public struct ChapterRunner: Sendable {
    public var runtime: RuntimeLocation
    public var limits: RunLimits
    /// Where programs are compiled (a fresh subfolder per run, removed afterwards).
    public var workDirectory: URL

    public init(runtime: RuntimeLocation, limits: RunLimits = RunLimits(), workDirectory: URL) {
        self.runtime = runtime; self.limits = limits; self.workDirectory = workDirectory
    }

    /// Blocking: compiles and runs `chapter`. Never throws: every failure is a result.
    public func run(_ chapter: Chapter, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) -> ChapterResult {
        let notRun = { (why: String) in
            BlockResult(status: .notRun, failure: .init(kind: .notRun, message: why))
        }
        if !chapter.diagnostics.isEmpty {
            return ChapterResult(blocks: chapter.blocks.map { _ in notRun("did not run: the chapter has errors") },
                                 chapterError: chapter.diagnostics.map(\.description).joined(separator: "\n"))
        }
        guard !chapter.blocks.isEmpty else { return ChapterResult(blocks: []) }

        let fm = FileManager.default
        let dir = workDirectory.appendingPathComponent("\(chapter.slug)-\(UUID().uuidString.prefix(8))")
        // TUTORIAL_KEEP_BUILD=1 keeps the generated program (main.swift) and its binary.
        let keep = ProcessInfo.processInfo.environment["TUTORIAL_KEEP_BUILD"] == "1"
        defer { if !keep { try? fm.removeItem(at: dir) } }
        let sourceName = ProgramSource.sourceName(for: chapter)
        let source = dir.appendingPathComponent("main.swift")
        let program = dir.appendingPathComponent("chapter")
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try ProgramSource.generate(for: chapter).write(to: source, atomically: true, encoding: .utf8)
        } catch {
            return ChapterResult(blocks: chapter.blocks.map { _ in notRun("did not run") },
                                 chapterError: "\(chapter.path): error: cannot write its program in \(dir.path): \(BookOutput.describe(error))",
                                 isTransient: true)
        }

        // Compile.
        onEvent(.compiling)
        let compileStart = Date()
        let outcome: ChapterCompiler.Outcome
        do {
            outcome = try ChapterCompiler(runtime: runtime).compile(source: source, sourceName: sourceName, output: program)
        } catch {
            return ChapterResult(blocks: chapter.blocks.map { _ in notRun("did not run") },
                                 chapterError: "\(chapter.path): error: \(BookOutput.describe(error))", isTransient: true)
        }
        let compileSeconds = Date().timeIntervalSince(compileStart)
        guard outcome.succeeded else {
            return compileFailure(chapter, outcome, seconds: compileSeconds)
        }

        // Run.
        var result = execute(chapter, program: program, sourceName: sourceName, onEvent: onEvent)
        result.compileSeconds = compileSeconds
        return result
    }

    private func compileFailure(_ chapter: Chapter, _ outcome: ChapterCompiler.Outcome, seconds: Double) -> ChapterResult {
        var blocks = chapter.blocks.map { _ in
            BlockResult(status: .notRun, failure: .init(kind: .notRun, message: "did not run: the chapter did not compile"))
        }
        var loose: [String] = []
        for error in outcome.errors {
            if let line = error.line, let location = chapter.location(line: line, column: error.column ?? 1) {
                var block = blocks[location.block]
                if block.status == .failed, let failure = block.failure {
                    block.failure?.message = failure.message + "\n" + chapter.describe(location) + ": " + error.message
                } else {
                    block = BlockResult(status: .failed, failure: .init(kind: .compile, message: error.message, location: location))
                }
                blocks[location.block] = block
            } else {
                loose.append(error.message)
            }
        }
        return ChapterResult(blocks: blocks,
                             chapterError: loose.isEmpty ? nil : "\(chapter.path): the program did not compile:\n" + loose.joined(separator: "\n"),
                             compileSeconds: seconds)
    }

    private func execute(_ chapter: Chapter, program: URL, sourceName: String,
                         onEvent: @escaping @Sendable (RunEvent) -> Void) -> ChapterResult {
        var environment = ProcessInfo.processInfo.environment
        environment["NOTEBOOK_CHANNEL_FD"] = "3"
        environment["NOTEBOOK_TEXT_LIMIT"] = String(limits.textBytesPerBlock)
        // One BLAS thread per chapter program: chapters already run in parallel, one per
        // core, and a BLAS that splits its sums across threads rounds differently, so the
        // book's numbers would depend on the machine's core count.
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,registers=none,images=none,threads=crashed,limit=32,top=32,timeout=10s"

        // The watchdog pipe (fd 4) ties the program to this process and carries the
        // token of block messages; the program also stops itself a little after the
        // chapter's limit, should this process be unable to.
        let token = UUID().uuidString
        environment["NOTEBOOK_WATCHDOG_FD"] = "4"
        environment["NOTEBOOK_TIME_LIMIT"] = String(limits.chapterSeconds + 5)

        var collector = ResultCollector(chapter: chapter, limits: limits, token: token, onEvent: onEvent)
        let start = Date()
        let chapterDeadline = start.addingTimeInterval(limits.chapterSeconds)
        var child = ChildProcess(executable: program.path, arguments: [], environment: environment, withChannel: true)
        child.watchdogLine = token
        let termination: ChildProcess.Termination
        do {
            termination = try child.run(deadline: {
                let block = collector.blockDeadline(default: limits.blockSeconds)
                return block.map { min($0, chapterDeadline) } ?? chapterDeadline
            }) { stream, bytes in
                collector.receive(stream, bytes)
            }
        } catch {
            return ChapterResult(blocks: chapter.blocks.map { _ in
                BlockResult(status: .notRun, failure: .init(kind: .notRun, message: "did not run"))
            }, chapterError: "\(chapter.path): error: \(BookOutput.describe(error))", isTransient: true)
        }
        var result = collector.finish(termination, sourceName: sourceName,
                                      chapterTimedOut: Date() >= chapterDeadline)
        result.runSeconds = Date().timeIntervalSince(start)
        return result
    }
}
