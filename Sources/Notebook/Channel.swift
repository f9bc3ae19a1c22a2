import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The side channel to the book: JSON lines written straight to a file descriptor
/// (named by `NotebookEnvironment.channelDescriptor`), unbuffered, so nothing is lost when the program
/// traps. Without that variable (a program run by hand) messages are written to
/// standard output in readable form instead.
final class Channel: @unchecked Sendable {
    static let shared = Channel()

    private let lock = NSLock()
    private let fd: Int32?
    private let encoder: JSONEncoder
    /// Printed bytes allowed per block before the rest is cut (`NotebookEnvironment.textLimit`).
    let textLimit: Int
    private var textBytes = 0
    private var omittedBytes = 0
    private var lastProgress = Date.distantPast
    /// Tests install a sink to see messages instead of a file descriptor.
    var sink: (@Sendable (NotebookMessage) -> Void)?
    /// Put before the messages that mark where blocks begin and end (see `Watchdog`).
    private let controlPrefix: Data?

    private init() {
        let env = ProcessInfo.processInfo.environment
        fd = env[NotebookEnvironment.channelDescriptor].flatMap { Int32($0) }
        textLimit = env[NotebookEnvironment.textLimit].flatMap { Int($0) } ?? RunLimits.defaultTextBytesPerBlock
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A newline first, so that a partial line chapter code wrote to the channel
        // itself cannot swallow the token.
        controlPrefix = Watchdog.token.map { Data(("\n" + $0 + " ").utf8) }
    }

    func send(_ message: NotebookMessage) {
        if let capture = Capture.current {
            capture.record(message)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        sendLocked(message)
    }

    private func sendLocked(_ message: NotebookMessage, control: Bool = false) {
        if let sink {
            sink(message)
            return
        }
        guard let fd else {
            writeReadable(message)
            return
        }
        guard let json = try? encoder.encode(message) else { return }
        var data = control ? controlPrefix ?? Data() : Data()
        data.append(json)
        data.append(0x0A)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// Printed text, counted against the block's limit.
    func sendText(_ text: String) {
        if let capture = Capture.current {
            capture.recordText(text)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        let count = text.utf8.count
        if textBytes >= textLimit {
            omittedBytes += count
            return
        }
        if textBytes + count > textLimit {
            // Cut at a character boundary within the budget.
            var end = text.startIndex
            var used = 0
            for index in text.indices {
                let n = text[index].utf8.count
                if textBytes + used + n > textLimit { break }
                used += n
                end = text.index(after: index)
            }
            let kept = text[..<end]
            textBytes = textLimit
            omittedBytes += count - used
            if !kept.isEmpty { sendLocked(.text(String(kept))) }
            return
        }
        textBytes += count
        sendLocked(.text(text))
    }

    func blockStart(_ index: Int) {
        lock.lock()
        defer { lock.unlock() }
        textBytes = 0
        omittedBytes = 0
        sendLocked(.blockStart(index: index), control: true)
    }

    func blockEnd(_ index: Int) {
        lock.lock()
        defer { lock.unlock() }
        if omittedBytes > 0 { sendLocked(.textCut(omittedBytes: omittedBytes)) }
        omittedBytes = 0
        sendLocked(.blockEnd(index: index), control: true)
    }

    /// What a replicate held back, sent now in the order it was captured.
    func replay(_ items: [Capture.Item]) {
        for item in items {
            switch item {
            case .message(let message): send(message)
            case .text(let text): sendText(text)
            case .cut(let bytes):
                lock.lock()
                textBytes = textLimit
                omittedBytes += bytes
                lock.unlock()
            }
        }
    }

    /// Progress is sent at most five times a second, and always when a loop finishes.
    /// Inside a replicate it goes to the replicates' combined progress instead.
    func progress(_ update: ProgressUpdate) {
        if let capture = Capture.current {
            capture.onProgress(update)
            return
        }
        sendProgress(update)
    }

    func sendProgress(_ update: ProgressUpdate) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard update.done >= update.total || now.timeIntervalSince(lastProgress) >= 0.2 else { return }
        lastProgress = now
        sendLocked(.progress(update))
    }

    private func writeReadable(_ message: NotebookMessage) {
        switch message {
        case .text(let s): FileHandle.standardOutput.write(Data(s.utf8))
        case .textCut(let n): Swift.print("[\(n) more bytes of output cut]")
        case .table(let t): Swift.print(TextTable.render(t))
        case .figure(let f): Swift.print("[figure\(f.caption.map { ": " + $0 } ?? ""), \(f.svg.utf8.count) bytes of SVG]")
        case .expectation(let e):
            Swift.print("\(e.passed ? "✓" : "✗") \(e.claim)\(e.detail.map { " (" + $0 + ")" } ?? "")")
        case .progress, .blockStart, .blockEnd: break
        }
    }
}
