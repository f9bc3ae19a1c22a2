import Foundation
import NotebookProtocol

/// What the runner reports while a chapter runs (for the terminal's progress display).
public enum RunEvent: Sendable {
    case compiling
    case block(index: Int, of: Int)
    case progress(ProgressUpdate)
    /// A result of block `block` as it arrives (printed text in the pieces it came in).
    case item(block: Int, ResultItem)
    /// Block `index` has ended, with this result (its status is final unless a later
    /// trap is traced back into it).
    case blockFinished(index: Int, BlockResult)
}

/// Compiles a chapter's blocks into one program, runs it, and turns what comes back
/// over the side channel into results per block.
public struct ChapterRunner: Sendable {
    public var runtime: RuntimeLocation
    public var limits: RunLimits
    /// Where programs are compiled (a fresh subfolder per run, removed afterwards).
    public var workDirectory: URL
    /// The build's CPU budget, which the program's replicates draw extra threads from.
    /// Without one the program uses every core, as when it is run by hand.
    public var jobserver: Jobserver?

    public init(
        runtime: RuntimeLocation, limits: RunLimits = RunLimits(), workDirectory: URL,
        jobserver: Jobserver? = nil
    ) {
        self.runtime = runtime
        self.limits = limits
        self.workDirectory = workDirectory
        self.jobserver = jobserver
    }

    /// Blocking: compiles and runs `chapter`. Never throws: every failure is a result.
    public func run(_ chapter: Chapter, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) -> ChapterResult {
        compileAndRun(chapter, cancellation: nil, onEvent: onEvent)
    }

    /// Blocking, like `run(_:onEvent:)`, but stops as soon as `cancellation` is
    /// cancelled, killing the compiler or program; then the result is nil.
    public func run(
        _ chapter: Chapter, cancellation: RunCancellation?,
        onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) -> ChapterResult? {
        let result = compileAndRun(chapter, cancellation: cancellation, onEvent: onEvent)
        return cancellation?.isCancelled == true ? nil : result
    }

    private func compileAndRun(
        _ chapter: Chapter, cancellation: RunCancellation?,
        onEvent: @escaping @Sendable (RunEvent) -> Void
    ) -> ChapterResult {
        // The chapter's own errors are in `chapter.diagnostics`, not in the result.
        if !chapter.diagnostics.isEmpty { return .notRun(chapter, reason: "did not run: the chapter has errors", isTransient: true) }
        guard !chapter.blocks.isEmpty else { return ChapterResult(blocks: []) }
        let failed = { (message: String) in
            ChapterResult.notRun(
                chapter, reason: "did not run", failures: [RunFailure(kind: .program, message: message)],
                isTransient: true)
        }

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
            return failed("error: cannot write its program in \(dir.path): \(BookOutput.describe(error))")
        }

        // Compile.
        onEvent(.compiling)
        let compileStart = Date()
        let outcome: ChapterCompiler.Outcome
        do {
            outcome = try ChapterCompiler(runtime: runtime).compile(
                source: source, sourceName: sourceName, output: program,
                cancellation: cancellation)
        } catch {
            return failed("error: \(BookOutput.describe(error))")
        }
        let compileSeconds = Date().timeIntervalSince(compileStart)
        guard outcome.succeeded else {
            var result = compileFailure(chapter, outcome, seconds: compileSeconds)
            result.cpuSeconds = outcome.cpuSeconds
            return result
        }

        // Run.
        var result = execute(chapter, program: program, sourceName: sourceName, cancellation: cancellation, onEvent: onEvent)
        result.compileSeconds = compileSeconds
        result.cpuSeconds = outcome.cpuSeconds + (result.cpuSeconds ?? 0)
        return result
    }

    private func compileFailure(_ chapter: Chapter, _ outcome: ChapterCompiler.Outcome, seconds: Double) -> ChapterResult {
        var result = ChapterResult.notRun(chapter, reason: "did not run: the chapter did not compile")
        result.compileSeconds = seconds
        var outside: [String] = []
        for error in outcome.errors {
            if let line = error.line, let location = chapter.location(line: line, column: error.column ?? 1) {
                result.blocks[location.block].status = .failed
                result.blocks[location.block].notRunReason = nil
                result.blocks[location.block].failures.append(RunFailure(kind: .compile, message: error.message, location: location))
            } else {
                outside.append(error.message)
            }
        }
        if !outside.isEmpty {
            result.failures.append(RunFailure(kind: .compile, message: "error: the program did not compile:\n" + outside.joined(separator: "\n")))
        }
        return result
    }

    private func execute(
        _ chapter: Chapter, program: URL, sourceName: String, cancellation: RunCancellation?,
        onEvent: @escaping @Sendable (RunEvent) -> Void
    ) -> ChapterResult {
        var environment = ProcessInfo.processInfo.environment
        environment[NotebookEnvironment.channelDescriptor] = String(NotebookEnvironment.channelDescriptorNumber)
        environment[NotebookEnvironment.textLimit] = String(limits.textBytesPerBlock)
        // One BLAS thread per chapter program: chapters already run in parallel, one per
        // core, and a BLAS that splits its sums across threads rounds differently, so the
        // book's numbers would depend on the machine's core count.
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,registers=none,images=none,threads=crashed,limit=32,top=32,timeout=10s"

        // The watchdog pipe ties the program to this process and carries the
        // token of block messages; the program also stops itself a little after the
        // chapter's limit, should this process be unable to.
        let token = UUID().uuidString
        environment[NotebookEnvironment.watchdogDescriptor] = String(NotebookEnvironment.watchdogDescriptorNumber)
        environment[NotebookEnvironment.timeLimit] = String(limits.chapterSeconds + 5)

        // CPU budget (Jobserver.swift): the program asks for threads on fd 5 and the
        // builder takes back whatever it holds when it ends.
        var link: Jobserver.Link?
        if let jobserver {
            // Without a socket the program's replicates run one at a time.
            link = try? jobserver.connect()
            environment[NotebookEnvironment.tokensDescriptor] = link == nil ? "-1" : String(NotebookEnvironment.tokensDescriptorNumber)
        }
        defer { link?.close() }

        var collector = ResultCollector(chapter: chapter, limits: limits, token: token, onEvent: onEvent)
        let start = Date()
        let chapterDeadline = start.addingTimeInterval(limits.chapterSeconds)
        var child = ChildProcess(
            executable: program.path, arguments: [], environment: environment, withChannel: true,
            cancellation: cancellation)
        child.watchdogLine = token
        child.tokenSocket = link.map { (child: $0.childEnd, parent: $0.parentEnd) }
        let termination: ChildProcess.Termination
        let cpuSeconds: Double
        do {
            (termination, cpuSeconds) = try child.runMeasured(deadline: {
                let block = collector.blockDeadline(default: limits.blockSeconds)
                return block.map { min($0, chapterDeadline) } ?? chapterDeadline
            }) { stream, bytes in
                if stream == .tokens {
                    link?.receive(bytes)
                    return
                }
                collector.receive(stream, bytes)
            }
        } catch {
            return .notRun(
                chapter, reason: "did not run", failures: [RunFailure(kind: .program, message: "error: \(BookOutput.describe(error))")],
                isTransient: true)
        }
        var result = collector.finish(
            termination, sourceName: sourceName,
            chapterTimedOut: Date() >= chapterDeadline)
        result.runSeconds = Date().timeIntervalSince(start)
        result.cpuSeconds = cpuSeconds
        return result
    }
}
