import Foundation
import NotebookProtocol
import Testing

@testable import Notebook

/// Tests that look at what the runtime sends, one at a time: the channel (and the
/// thread count that tests fix for `replicate`) is one per process.
@Suite(.serialized) struct ChannelTests {
    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var messages: [NotebookMessage] = []
        func add(_ m: NotebookMessage) {
            lock.lock()
            messages.append(m)
            lock.unlock()
        }
    }

    /// The messages `body` sends, captured in-process.
    static func capture(_ body: () -> Void) -> [NotebookMessage] {
        let recorder = Recorder()
        // A fresh block: an earlier test may have used up the printed-text budget.
        Channel.shared.blockStart(0)
        Channel.shared.sink = { recorder.add($0) }
        body()
        Channel.shared.sink = nil
        return recorder.messages
    }

    static func outcomes(_ body: () -> Void) -> [ExpectationOutcome] {
        capture(body).compactMap { if case .expectation(let e) = $0 { return e } else { return nil } }
    }
}

/// `print` as a chapter program has it: to the page, not to standard output.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    _notebookPrint(items, separator: separator, terminator: terminator)
}
