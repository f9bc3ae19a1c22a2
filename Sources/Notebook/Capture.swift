import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one replicate sent to the page (printed text, tables, figures, expectations),
/// held back while seeds run in parallel and replayed in seed order afterwards, so the
/// page does not depend on which seed finished first. Set per thread: `Channel` asks
/// `Capture.current` before sending anything.
final class Capture: @unchecked Sendable {
    enum Item {
        case message(NotebookMessage)
        case text(String)
        /// Printed bytes beyond the text limit, dropped while capturing.
        case cut(Int)
    }

    private let lock = NSLock()
    private var items: [Item] = []
    private var textBytes = 0
    private let textLimit: Int
    /// Where this replicate's `progress` calls go.
    let onProgress: @Sendable (ProgressUpdate) -> Void

    init(textLimit: Int, onProgress: @escaping @Sendable (ProgressUpdate) -> Void) {
        self.textLimit = textLimit
        self.onProgress = onProgress
    }

    func record(_ message: NotebookMessage) {
        lock.lock()
        defer { lock.unlock() }
        items.append(.message(message))
    }

    /// Printed text, kept up to the block's limit (the replay cuts again, in order).
    func recordText(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        let count = text.utf8.count
        if textBytes + count > textLimit {
            let kept = String(decoding: text.utf8.prefix(max(textLimit - textBytes, 0)), as: UTF8.self)
            textBytes = textLimit
            if !kept.isEmpty { items.append(.text(kept)) }
            items.append(.cut(count - kept.utf8.count))
            return
        }
        textBytes += count
        items.append(.text(text))
    }

    /// Everything captured, in the order it was sent; the capture is emptied.
    func take() -> [Item] {
        lock.lock()
        defer { lock.unlock() }
        defer { items = [] }
        return items
    }

    // MARK: - The capture of the running thread

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "Capture: cannot create a thread-local key")
        return key
    }()

    /// The capture of the calling thread, if it is running a replicate.
    static var current: Capture? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<Capture>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with this thread's output going to `capture`.
    func capturing<T>(_ body: () -> T) -> T {
        let previous = pthread_getspecific(Self.key)
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, previous) }
        return body()
    }
}
