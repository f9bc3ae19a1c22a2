internal import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM, turned into an orderly stop.
///
/// A real handler catches the signals on whatever thread they land (a library may start
/// threads with no signal mask, where a dispatch signal source was seen to miss them);
/// it only writes the signal's number to a pipe. A thread of ours reads it, records the
/// signal and closes another pipe's write end, which wakes every running `ChildProcess`
/// at once (they poll its read end); then it calls the handlers added with `onSignal`.
/// Nothing exits in a signal handler. Each runner ends its program and everything below
/// it and returns; the build removes its temporary folders, writes nothing, and the
/// command exits with status 128 + the signal.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()
    private let lock = NSLock()
    private var received: Int32?
    private var wake: [Int32] = [-1, -1]
    private var installed = false
    private var handlers: [@Sendable (Int32) -> Void] = []

    /// Starts listening for SIGINT and SIGTERM (once; later calls do nothing).
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        if process_control_pipe(&wake) != 0 { wake = [-1, -1] }
        var signals: [Int32] = [-1, -1]
        guard process_control_pipe(&signals) == 0 else { return }
        for sig in [SIGINT, SIGTERM] { _ = process_control_forward_signal(sig, signals[1]) }
        let readEnd = signals[0]
        let thread = Thread { [weak self] in
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 {
                    self?.receive(Int32(byte))
                    continue
                }
                if n < 0 && errno == EINTR { continue }
                return
            }
        }
        thread.name = "tutorial: signals"
        thread.start()
    }

    /// Calls `handler` with the signal when one comes (on the signal thread; at once if
    /// one already came). For commands that stop in their own way, as `serve` does.
    public func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
        lock.lock()
        if let received {
            lock.unlock()
            handler(received)
            return
        }
        handlers.append(handler)
        lock.unlock()
    }

    /// The signal that asked this process to stop, if one has.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// A descriptor that polls as readable (end-of-file) once a signal has come, or -1.
    var descriptor: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return wake[0]
    }

    func receive(_ sig: Int32) {
        lock.lock()
        guard received == nil else {
            lock.unlock()
            return
        }
        received = sig
        if wake[1] >= 0 {
            close(wake[1])
            wake[1] = -1
        }
        let waiting = handlers
        handlers = []
        lock.unlock()
        FileHandle.standardError.write(Data("\n\(Self.name(sig)): stopping the chapter programs and cleaning up…\n".utf8))
        for handler in waiting { handler(sig) }
    }

    static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGINT: return "interrupted (SIGINT)"
        case SIGTERM: return "terminated (SIGTERM)"
        default: return "signal \(sig)"
        }
    }
}
