internal import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Stops a chapter's compile or run from another thread: `cancel()` kills the child's
/// process group at once (the runner is woken through a pipe, not by polling), and the
/// runner returns without a result. What `tutorial serve` uses when a chapter is saved
/// again while it runs.
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    /// Becomes readable on `cancel()`: the child's read loop polls it with its pipes.
    let wakeFD: Int32
    private let signalFD: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        // Close-on-exec from the start, so no program another thread starts inherits an end.
        if process_control_pipe(&fds) != 0 { fds = [-1, -1] }
        wakeFD = fds[0]
        signalFD = fds[1]
    }

    deinit {
        if wakeFD >= 0 { close(wakeFD) }
        if signalFD >= 0 { close(signalFD) }
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled else { return }
        cancelled = true
        if signalFD >= 0 {
            var byte: UInt8 = 1
            _ = write(signalFD, &byte, 1)
        }
    }
}
