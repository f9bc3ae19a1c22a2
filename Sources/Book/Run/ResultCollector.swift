import Foundation
import Notebook

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
    private static let stderrLimit = 64 << 10
    private static let lineLimit = 32 << 20
    private let decoder = JSONDecoder()
    /// `TOKEN ` begins the lines that mark where blocks begin and end (see the runtime's
    /// `Watchdog`); such messages without it are chapter code's own and shown as text,
    /// so a block cannot end or extend its own time limit. Nil accepts every line.
    private let controlPrefix: Data?

    init(chapter: Chapter, limits: RunLimits, token: String? = nil,
         onEvent: @escaping @Sendable (RunEvent) -> Void) {
        self.chapter = chapter; self.limits = limits; self.onEvent = onEvent
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
            if channelBuffer.count > Self.lineLimit {
                channelBuffer.removeAll()
                append(.note("A result larger than \(Self.lineLimit >> 20) MB was dropped."))
            }
        case .stdout:
            appendText(String(decoding: bytes, as: UTF8.self))
        case .stderr:
            stderrTail.append(contentsOf: bytes)
            if stderrTail.count > Self.stderrLimit {
                stderrTail.removeFirst(stderrTail.count - Self.stderrLimit)
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
            if !trusted { appendText(String(decoding: line, as: UTF8.self) + "\n"); return }
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
            append(.figure(figure))
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
        }
    }

    /// The block results go to: the running one, else the last that ran, else the first.
    private var target: Int? {
        current ?? (lastEnded >= 0 ? lastEnded : (blocks.isEmpty ? nil : 0))
    }

    private mutating func append(_ item: BlockResult.Item) {
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
    mutating func finish(_ termination: ChildProcess.Termination, sourceName: String,
                         chapterTimedOut: Bool) -> ChapterResult {
        if !channelBuffer.isEmpty { handle(line: channelBuffer); channelBuffer.removeAll() }
        let stderr = String(decoding: stderrTail, as: UTF8.self)
        var result = ChapterResult(blocks: blocks)

        let failedIndex: Int?
        var failure: BlockResult.Failure?
        switch termination {
        case .exited(0):
            if let current {
                failedIndex = current
                failure = .init(kind: .other, message: "error: the program exited inside this block (exit status 0), so later blocks did not run",
                                location: nil)
            } else {
                failedIndex = nil
            }
        case .timedOut:
            failedIndex = current ?? (lastEnded + 1 < blocks.count ? lastEnded + 1 : nil)
            result.isTransient = true
            if chapterTimedOut {
                failure = .init(kind: .timeout, message: "error: timed out: the chapter ran longer than its limit of \(Self.seconds(limits.chapterSeconds))")
            } else {
                let seconds = failedIndex.flatMap { chapter.blocks[$0].options.timeout } ?? limits.blockSeconds
                failure = .init(kind: .timeout, message: "error: timed out: the block ran longer than its limit of \(Self.seconds(seconds)) (set timeout=SECONDS on its fence line to allow more)")
            }
        case .exited(let status):
            failedIndex = current ?? (lastEnded + 1 < blocks.count ? lastEnded + 1 : nil)
            let trap = TrapReport.parse(stderr, sourceName: sourceName)
            failure = .init(kind: .trap, message: Self.message(trap, otherwise: "error: the program exited with status \(status)"),
                            location: trap.line.flatMap { chapter.location(line: $0, column: trap.column ?? 1) })
        case .signalled(let signal):
            failedIndex = current ?? (lastEnded + 1 < blocks.count ? lastEnded + 1 : nil)
            let trap = TrapReport.parse(stderr, sourceName: sourceName)
            failure = .init(kind: .trap, message: Self.message(trap, otherwise: "error: the program stopped: \(signalDescription(signal))"),
                            location: trap.line.flatMap { chapter.location(line: $0, column: trap.column ?? 1) })
            // A signal from outside (SIGKILL from the kernel's out-of-memory killer, a
            // SIGTERM) says nothing about the chapter's code: not cached.
            if !Self.ownSignals.contains(signal) { result.isTransient = true }
        case .interrupted:
            failedIndex = current ?? (lastEnded + 1 < blocks.count ? lastEnded + 1 : nil)
            result.isTransient = true
            failure = .init(kind: .other, message: "error: interrupted: the program was stopped because the tool was asked to stop")
        }

        if let failure {
            if let index = failedIndex {
                result.blocks[index].status = .failed
                var failure = failure
                // Without a line from the program, point at the block itself.
                if failure.location == nil {
                    failure.location = CodeLocation(block: index, line: 1, column: chapter.blocks[index].column)
                }
                result.blocks[index].failure = failure
                let failedLine = failure.location.map { chapter.blocks[$0.block].codeLine + $0.line - 1 }
                    ?? chapter.blocks[index].codeLine
                for later in (index + 1)..<max(index + 1, blocks.count) {
                    result.blocks[later] = BlockResult(status: .notRun, failure: .init(
                        kind: .notRun, message: "did not run: block \(index + 1) failed at line \(failedLine)"))
                }
            } else {
                result.chapterError = "\(chapter.path): \(failure.message)"
            }
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

/// What a trapped program's standard error says about where and why.
enum TrapReport {
    struct Parsed {
        var message: String?
        var line: Int?
        var column: Int?
        /// The innermost named frame outside the chapter (an engine function, say):
        /// `Dataset.init(inputs:labels:classCount:) (Sources/NeuralEngine/Dataset.swift:8)`.
        var callee: String?
    }

    /// Reads Swift's `FILE:LINE: Fatal error: …` line and the backtracer's frames
    /// (`… at FILE:LINE:COLUMN`), keeping those in the chapter's program.
    static func parse(_ stderr: String, sourceName: String) -> Parsed {
        var parsed = Parsed()
        for raw in stderr.split(separator: "\n") {
            let line = String(raw)
            if parsed.message == nil, let range = line.range(of: "Fatal error: ") {
                let prefix = line[..<range.lowerBound]
                var message = String(line[range.upperBound...])
                if message.hasPrefix("Error raised at top level: ") {
                    var error = message.dropFirst("Error raised at top level: ".count)
                    if error.hasPrefix("Chapter.") { error = error.dropFirst("Chapter.".count) }
                    message = "uncaught error: \(error)"
                } else {
                    message = "Fatal error: " + message
                }
                parsed.message = "error: " + message
                if prefix.hasSuffix(": ") {
                    let parts = prefix.dropLast(2).split(separator: ":")
                    if parts.count >= 2, let number = Int(parts[parts.count - 1]),
                       parts.dropLast().joined(separator: ":").hasSuffix(sourceName) {
                        parsed.line = number
                    }
                }
            } else if parsed.message == nil, line.hasPrefix("*** Swift runtime failure: ") {
                parsed.message = "error: Swift runtime failure: " + line.dropFirst("*** Swift runtime failure: ".count)
                    .replacingOccurrences(of: " ***", with: "")
            } else if let frame = Frame(line) {
                let inChapter = frame.file.hasSuffix(sourceName)
                    // Debug line tables keep #sourceLocation's lines but, in some frames,
                    // the generated file's name.
                    || frame.file.hasSuffix("/main.swift")
                if inChapter {
                    if parsed.column == nil, parsed.line == nil || parsed.line == frame.line {
                        parsed.line = frame.line
                        parsed.column = frame.column
                    }
                } else if parsed.callee == nil, parsed.column == nil, !frame.file.hasPrefix("/<compiler-generated>"),
                          !frame.file.hasPrefix("//<compiler-generated>") {
                    var file = frame.file
                    if let range = file.range(of: "/Sources/") { file = "Sources/" + file[range.upperBound...] }
                    parsed.callee = "\(frame.function) (\(file):\(frame.line))"
                }
            }
        }
        return parsed
    }

    /// One frame of the backtracer's report:
    /// `  1 [thunk]  0x00007f… Dataset.init(…) + 65 in libNotebookRuntime.so at /path/Dataset.swift:8:9`
    struct Frame {
        var function: String
        var file: String
        var line: Int
        var column: Int

        init?(_ text: String) {
            guard let at = text.range(of: " at ", options: .backwards),
                  let address = text.range(of: " 0x") else { return nil }
            let location = text[at.upperBound...].split(separator: ":")
            guard location.count >= 3, let l = Int(location[location.count - 2]),
                  let c = Int(location[location.count - 1]) else { return nil }
            file = location.dropLast(2).joined(separator: ":")
            line = l
            column = c
            var rest = text[address.upperBound...]
            rest = rest.drop { $0 != " " }.dropFirst()
            if let plus = rest.range(of: " + ") { function = String(rest[..<plus.lowerBound]) }
            else if let inImage = rest.range(of: " in ") { function = String(rest[..<inImage.lowerBound]) }
            else { function = String(rest) }
        }
    }
}
