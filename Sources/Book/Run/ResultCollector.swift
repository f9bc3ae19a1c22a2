import Foundation
import NotebookProtocol

/// Turns a running chapter program's messages and output into block results, keeping
/// everything within bounds.
struct ResultCollector {
    let chapter: Chapter
    let limits: RunLimits
    let onEvent: @Sendable (RunEvent) -> Void

    private(set) var blocks: [BlockResult]
    /// The block that has started and not ended.
    private var current: Int?
    private var currentStart = Date()
    private var lastEnded = -1
    private var channelBuffer = Data()
    private var channelBytes = 0
    private var channelOverflow = false
    /// Printed bytes per block as seen here (a second bound, in case the program's own
    /// runtime bound is bypassed by writing to stdout directly).
    private var textBytes: [Int]
    private var textCutNoted: Set<Int> = []
    private var stderrTail = Data()
    private let decoder = JSONDecoder()
    /// `TOKEN ` begins the lines that mark where blocks begin and end (see the runtime's
    /// `Watchdog`); such messages without it are chapter code's own and shown as text,
    /// so a block cannot end or extend its own time limit. Nil accepts every line.
    private let controlPrefix: Data?

    init(
        chapter: Chapter, limits: RunLimits, token: String? = nil,
        onEvent: @escaping @Sendable (RunEvent) -> Void
    ) {
        self.chapter = chapter
        self.limits = limits
        self.onEvent = onEvent
        controlPrefix = token.map { Data(($0 + " ").utf8) }
        blocks = chapter.blocks.map { _ in BlockResult(status: .notRun) }
        textBytes = chapter.blocks.map { _ in 0 }
    }

    /// When the running block must end.
    func blockDeadline(default seconds: Double) -> Date? {
        guard let current else { return nil }
        return currentStart.addingTimeInterval(chapter.blocks[current].options.timeout ?? seconds)
    }

    mutating func receive(_ stream: ChildProcess.Stream, _ bytes: UnsafeRawBufferPointer) {
        switch stream {
        case .channel:
            channelBytes += bytes.count
            if channelBytes > limits.channelBytes {
                if !channelOverflow {
                    channelOverflow = true
                    append(.note("The program sent more than \(limits.channelBytes >> 20) MB of results; the rest was dropped."))
                }
                return
            }
            channelBuffer.append(contentsOf: bytes)
            // Handle every complete line, then drop them in one step.
            var start = channelBuffer.startIndex
            while let newline = channelBuffer[start...].firstIndex(of: 0x0A) {
                handle(line: Data(channelBuffer[start..<newline]))
                start = newline + 1
            }
            if start > channelBuffer.startIndex { channelBuffer.removeSubrange(channelBuffer.startIndex..<start) }
            if channelBuffer.count > limits.messageBytes {
                channelBuffer.removeAll()
                append(.note("A result larger than \(limits.messageBytes >> 20) MB was dropped."))
            }
        case .stdout:
            appendText(String(decoding: bytes, as: UTF8.self))
        case .tokens:
            // The CPU budget's bytes go to the jobserver, not to the results.
            break
        case .stderr:
            stderrTail.append(contentsOf: bytes)
            if stderrTail.count > limits.stderrBytes {
                stderrTail.removeFirst(stderrTail.count - limits.stderrBytes)
            }
        }
    }

    private mutating func handle(line: Data) {
        guard !line.isEmpty else { return }
        var line = line
        var trusted = controlPrefix == nil
        if let controlPrefix, line.starts(with: controlPrefix) {
            line = line.dropFirst(controlPrefix.count)
            trusted = true
        }
        guard let message = try? decoder.decode(NotebookMessage.self, from: line) else {
            appendText(String(decoding: line, as: UTF8.self) + "\n")
            return
        }
        switch message {
        case .blockStart, .blockEnd:
            if !trusted {
                appendText(String(decoding: line, as: UTF8.self) + "\n")
                return
            }
        default:
            break
        }
        switch message {
        case .blockStart(let index):
            guard blocks.indices.contains(index) else { return }
            current = index
            currentStart = Date()
            blocks[index] = BlockResult(status: .notRun)
            onEvent(.block(index: index, of: blocks.count))
        case .text(let text):
            appendText(text)
        case .textCut(let omitted):
            noteCut(omitted)
        case .table(let table):
            append(.table(table))
        case .figure(let figure):
            append(.figure(figure, location: figure.line.flatMap { chapter.location(line: $0, column: 1) }))
        case .expectation(let outcome):
            append(.expectation(outcome, location: chapter.location(line: outcome.line, column: 1)))
        case .progress(let update):
            onEvent(.progress(update))
        case .blockEnd(let index):
            guard blocks.indices.contains(index) else { return }
            blocks[index].status = .ran
            blocks[index].seconds = Date().timeIntervalSince(currentStart)
            current = nil
            lastEnded = index
            onEvent(.blockFinished(index: index, blocks[index]))
        }
    }

    /// The block results go to: the running one, else the last that ran, else the first.
    private var target: Int? {
        current ?? (lastEnded >= 0 ? lastEnded : (blocks.isEmpty ? nil : 0))
    }

    private mutating func append(_ item: ResultItem) {
        guard let target else { return }
        blocks[target].items.append(item)
        onEvent(.item(block: target, item))
    }

    private mutating func appendText(_ text: String) {
        guard let target, !text.isEmpty else { return }
        let budget = limits.textBytesPerBlock - textBytes[target]
        var text = text
        if text.utf8.count > budget {
            let kept = String(decoding: text.utf8.prefix(max(budget, 0)), as: UTF8.self)
            noteCut(text.utf8.count - kept.utf8.count)
            text = kept
        }
        guard !text.isEmpty else { return }
        onEvent(.item(block: target, .text(text)))
        textBytes[target] += text.utf8.count
        if case .text(let earlier)? = blocks[target].items.last {
            blocks[target].items[blocks[target].items.count - 1] = .text(earlier + text)
        } else {
            blocks[target].items.append(.text(text))
        }
    }

    private mutating func noteCut(_ omitted: Int) {
        guard let target else { return }
        if textCutNoted.insert(target).inserted {
            append(.note("Output cut: this block printed more than \(limits.textBytesPerBlock / 1000) kB; \(omitted) more bytes were dropped."))
        }
    }

    /// The results once the program has ended.
    mutating func finish(
        _ termination: ChildProcess.Termination, sourceName: String,
        chapterTimedOut: Bool
    ) -> ChapterResult {
        if !channelBuffer.isEmpty {
            handle(line: channelBuffer)
            channelBuffer.removeAll()
        }
        let stderr = String(decoding: stderrTail, as: UTF8.self)
        var result = ChapterResult(blocks: blocks)
        // The block that was running, else the first that had not run.
        let stopped = current ?? (lastEnded + 1 < blocks.count ? lastEnded + 1 : nil)

        let failedIndex: Int?
        var failure: RunFailure?
        switch termination {
        case .exited(0):
            failedIndex = current
            if current != nil {
                failure = RunFailure(kind: .trap, message: "error: the program exited inside this block (exit status 0), so later blocks did not run")
            }
        case .timedOut:
            failedIndex = stopped
            result.isTransient = true
            if chapterTimedOut {
                failure = RunFailure(
                    kind: .timeout, message: "error: timed out: the chapter ran longer than its limit of \(Self.seconds(limits.chapterSeconds))")
            } else {
                let seconds = failedIndex.flatMap { chapter.blocks[$0].options.timeout } ?? limits.blockSeconds
                failure = RunFailure(
                    kind: .timeout,
                    message:
                        "error: timed out: the block ran longer than its limit of \(Self.seconds(seconds)) (set timeout=SECONDS on its fence line to allow more)"
                )
            }
        case .exited(let status):
            failedIndex = stopped
            let trap = TrapReport.parse(stderr, sourceName: sourceName)
            failure = RunFailure(
                kind: .trap, message: Self.message(trap, otherwise: "error: the program exited with status \(status)"),
                location: trap.line.flatMap { chapter.location(line: $0, column: trap.column ?? 1) })
        case .signalled(let signal):
            failedIndex = stopped
            let trap = TrapReport.parse(stderr, sourceName: sourceName)
            failure = RunFailure(
                kind: .trap, message: Self.message(trap, otherwise: "error: the program stopped: \(signalDescription(signal))"),
                location: trap.line.flatMap { chapter.location(line: $0, column: trap.column ?? 1) })
            // A signal from outside (SIGKILL from the kernel's out-of-memory killer, a
            // SIGTERM) says nothing about the chapter's code: not cached.
            if !Self.ownSignals.contains(signal) { result.isTransient = true }
        case .interrupted:
            failedIndex = stopped
            result.isTransient = true
            failure = RunFailure(kind: .program, message: "error: interrupted: the program was stopped because the tool was asked to stop")
        }

        guard var failure else { return result }
        guard let index = failedIndex else {
            failure.kind = .program
            result.failures.append(failure)
            return result
        }
        // Without a line from the program, point at the block itself.
        if failure.location == nil {
            failure.location = CodeLocation(block: index, line: 1, column: chapter.blocks[index].column)
        }
        result.blocks[index].status = .failed
        result.blocks[index].failures = [failure]
        let failedLine = chapter.place(failure.location!).line ?? chapter.blocks[index].codeLine
        for later in (index + 1)..<max(index + 1, blocks.count) {
            result.blocks[later] = BlockResult(
                status: .notRun,
                notRunReason: "did not run: block \(index + 1) failed at line \(failedLine)")
        }
        return result
    }

    /// Signals a program raises by its own code: traps, aborts, memory faults.
    static let ownSignals: Set<Int32> = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// The trap's message, with the engine function it happened in when the chapter's
    /// own line is unknown.
    private static func message(_ trap: TrapReport.Parsed, otherwise: String) -> String {
        var message = trap.message ?? otherwise
        if trap.column == nil, let callee = trap.callee { message += " in \(callee)" }
        return message
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
