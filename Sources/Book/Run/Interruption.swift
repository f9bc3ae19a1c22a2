import Foundation
internal import CProcessControl
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM, turned into an orderly stop.
///
/// The signals are received on a dispatch queue, not in a signal handler, and nothing
/// exits there: the signal is recorded and a pipe's write end closed, which wakes every
/// running `ChildProcess` at once (they poll the read end). Each then ends its program
/// and everything below it and returns; the build removes its temporary folders, writes
/// nothing, and the command exits with status 128 + the signal.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()
    private let lock = NSLock()
    private var received: Int32?
    private var wake: [Int32] = [-1, -1]
    private var sources: [DispatchSourceSignal] = []

    /// Starts listening for SIGINT and SIGTERM (once; later calls do nothing).
    public func install() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        if process_control_pipe(&wake) != 0 { wake = [-1, -1] }
        for sig in [SIGINT, SIGTERM] {
            // Ignored here so the dispatch source sees it; programs this process starts
            // get the default action back (`ChildProcess` resets every signal).
            Glibc.signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.receive(sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that asked this process to stop, if one has.
    public var signal: Int32? {
        lock.lock(); defer { lock.unlock() }
        return received
    }

    /// A descriptor that polls as readable (end-of-file) once a signal has come, or -1.
    var descriptor: Int32 {
        lock.lock(); defer { lock.unlock() }
        return wake[0]
    }

    func receive(_ sig: Int32) {
        lock.lock(); defer { lock.unlock() }
        guard received == nil else { return }
        received = sig
        if wake[1] >= 0 { close(wake[1]); wake[1] = -1 }
        FileHandle.standardError.write(Data("\n\(Self.name(sig)): stopping the chapter programs and cleaning up…\n".utf8))
    }

    static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGINT: return "interrupted (SIGINT)"
        case SIGTERM: return "terminated (SIGTERM)"
        default: return "signal \(sig)"
        }
    }
}
