internal import CProcessControl
import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in its own process group and reads its output as it comes, with a
/// deadline that the caller may move (per block), a channel on file descriptor 3, a
/// watchdog pipe on descriptor 4 and the CPU budget's socket on descriptor 5. Blocking:
/// call it off Swift's cooperative pool.
///
/// Every wait has an end. The program's end is seen (through a pidfd, without reaping
/// it) even when it closed its output, or left a process holding the output open; a
/// program past its deadline, or running when the tool is interrupted, is stopped with
/// everything below it (`ProcessTree`), and a program that cannot be reaped within
/// seconds of SIGKILL is left to `RunningChildren.reapOrphans`.
///
/// Written on posix_spawn rather than swift-subprocess: on Linux, swift-subprocess 1.0
/// passes only standard input, output and error (the runtime's channel and watchdog
/// need descriptors 3 and 4), and its teardown signals a process or its group but knows
/// nothing of descendants in other groups.
struct ChildProcess {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Open a pipe on the child's fd 3 for notebook messages.
    var withChannel = false
    /// Give the child a watchdog pipe on fd 4 holding this line (see the runtime's
    /// `Watchdog`); its write end stays here until the child is reaped, and closes with
    /// this process however it ends.
    var watchdogLine: String? = nil
    /// The CPU budget's socket (`Jobserver.Link`): `child` becomes the program's fd 5 and
    /// is closed here once the program has started (or could not be); what arrives on
    /// `parent` is passed to `onData` as `.tokens`. The caller keeps `parent` and
    /// closes it.
    var tokenSocket: (child: Int32, parent: Int32)?
    /// Kills the program when cancelled (the caller learns of it from the cancellation).
    var cancellation: RunCancellation? = nil

    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed by us when the deadline passed.
        case timedOut
        /// Killed by us because the tool was interrupted (SIGINT, SIGTERM).
        case interrupted
    }

    enum Stream { case stdout, stderr, channel, tokens }

    /// How long output is still read after the program ended (what it started is
    /// killed at once, but a pipe may hold unread bytes).
    static let drainSeconds = 2.0
    /// How long a killed program may take to end before it is left behind.
    static let killSeconds = 10.0

    /// Starts the program, calls `onData` with each chunk read (on this thread), and
    /// returns when it has ended. `deadline` is asked again after every chunk.
    func run(deadline: () -> Date?, onData: (Stream, UnsafeRawBufferPointer) -> Void) throws -> Termination {
        try runMeasured(deadline: deadline, onData: onData).termination
    }

    /// `run`, also returning the CPU seconds (user and system, all threads) of the
    /// program and of the children it waited for; 0 when it could not be reaped.
    func runMeasured(
        deadline: () -> Date?,
        onData: (Stream, UnsafeRawBufferPointer) -> Void
    ) throws -> (termination: Termination, cpuSeconds: Double) {
        // The program's end of the budget socket closes once the program has it: the
        // caller's end must see end-of-file when the program ends.
        var tokenChildOpen = tokenSocket != nil
        func closeTokenChild() {
            if tokenChildOpen, let tokenSocket {
                close(tokenSocket.child)
                tokenChildOpen = false
            }
        }
        defer { closeTokenChild() }
        if cancellation?.isCancelled == true { throw BookError.io("cancelled before \(executable) started") }
        let pipes = try Pipes(channel: withChannel, watchdog: watchdogLine)
        defer { pipes.closeAll() }
        let pid = try spawn(pipes)
        pipes.closeChildEnds()
        closeTokenChild()
        let pidfd = process_control_pidfd_open(pid)
        defer { if pidfd >= 0 { close(pidfd) } }

        var open = pipes.readEnds
        if let tokenSocket { open.append((tokenSocket.parent, .tokens)) }
        var termination: Termination? = nil
        var endedAt: Date? = nil
        var killedAt: Date? = nil
        let interruption = Interruption.shared.descriptor
        let cancelled = cancellation?.wakeFD ?? -1
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
        defer { buffer.deallocate() }

        while true {
            let now = Date()
            if endedAt == nil, process_control_has_ended(pid) != 0 {
                endedAt = now
                // What it started may hold the output open: it goes now. The leader is
                // not reaped yet, so its group id is still its own.
                kill(-pid, SIGKILL)
                RunningChildren.shared.reapOrphans()
            }
            var wait = 1000.0
            if let endedAt {
                let left = Self.drainSeconds - now.timeIntervalSince(endedAt)
                if open.isEmpty || left <= 0 { break }
                wait = left * 1000
            } else if let killedAt {
                if now.timeIntervalSince(killedAt) > Self.killSeconds { break }
                wait = 20
            } else if Interruption.shared.signal != nil {
                termination = .interrupted
                killedAt = now
                ProcessTree.kill(below: pid, includingRoot: true)
                continue
            } else if cancellation?.isCancelled == true {
                // The caller learns of it from the cancellation.
                termination = .signalled(SIGKILL)
                killedAt = now
                ProcessTree.kill(below: pid, includingRoot: true)
                continue
            } else if let limit = deadline() {
                let left = limit.timeIntervalSince(now)
                if left <= 0 {
                    termination = .timedOut
                    killedAt = now
                    ProcessTree.kill(below: pid, includingRoot: true)
                    continue
                }
                wait = min(left * 1000, 1000)
            }
            // Without a pidfd (Linux before 5.3) the end is looked for on every wake.
            if pidfd < 0, endedAt == nil { wait = min(wait, open.isEmpty ? 10 : 200) }

            var polled = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            if endedAt == nil, pidfd >= 0 { polled.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)) }
            if killedAt == nil, interruption >= 0 { polled.append(pollfd(fd: interruption, events: Int16(POLLIN), revents: 0)) }
            if killedAt == nil, cancelled >= 0 { polled.append(pollfd(fd: cancelled, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&polled, nfds_t(polled.count), Int32(max(wait, 1)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw BookError.io("cannot wait for \(executable): \(String(cString: strerror(errno)))")
            }
            var closed: [Int32] = []
            for (i, p) in polled.prefix(open.count).enumerated() where p.revents != 0 {
                let n = read(p.fd, buffer.baseAddress, buffer.count)
                if n > 0 {
                    onData(open[i].stream, UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.append(p.fd)
                }
            }
            open.removeAll { closed.contains($0.fd) }
        }

        if endedAt == nil {
            // Killed, and it did not end within `killSeconds` (stuck in the kernel).
            _ = RunningChildren.shared.reap(pid, seconds: 0)
            return (termination ?? .timedOut, 0)
        }
        guard let (status, cpuSeconds) = RunningChildren.shared.reapMeasured(pid) else {
            throw BookError.io("cannot collect the exit status of \(executable) (process \(pid))")
        }
        RunningChildren.shared.reapOrphans()
        if let termination { return (termination, cpuSeconds) }
        if status & 0x7f == 0 { return (.exited((status >> 8) & 0xff), cpuSeconds) }
        return (.signalled(status & 0x7f), cpuSeconds)
    }

    /// Spawns the program in its own process group (`spawnInOwnGroup`).
    private func spawn(_ pipes: Pipes) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (fd, target) in pipes.childEnds { posix_spawn_file_actions_adddup2(&actions, fd, target) }
        if let tokenSocket {
            posix_spawn_file_actions_adddup2(&actions, tokenSocket.child, NotebookEnvironment.tokensDescriptorNumber)
        }

        // A program given the watchdog ends itself and what it started when this process
        // dies; the guardian is for the others (the compiler).
        let watched = pipes.childEnds.contains { $0.target == NotebookEnvironment.watchdogDescriptorNumber }
        let (error, pid) = Self.spawnInOwnGroup(executable, arguments, environment: environment, actions: &actions, guarded: !watched)
        guard error == 0 else {
            throw BookError.io("cannot start \(executable): \(String(cString: strerror(error)))")
        }
        return pid
    }

    /// Runs a program to completion and returns its combined output (bounded).
    static func capture(
        _ executable: String, _ arguments: [String], environment: [String: String],
        timeout: Double, limit: Int = 1 << 20
    ) throws -> (Termination, String) {
        let (termination, text, _) = try captureMeasured(
            executable, arguments, environment: environment,
            timeout: timeout, limit: limit, cancellation: nil)
        return (termination, text)
    }

    /// `capture`, also returning the CPU seconds the program used.
    static func captureMeasured(
        _ executable: String, _ arguments: [String], environment: [String: String],
        timeout: Double, limit: Int = 1 << 20,
        cancellation: RunCancellation? = nil
    ) throws -> (Termination, String, cpuSeconds: Double) {
        var output = Data()
        var child = ChildProcess(executable: executable, arguments: arguments, environment: environment)
        child.cancellation = cancellation
        let end = Date().addingTimeInterval(timeout)
        let (termination, cpu) = try child.runMeasured(deadline: { end }) { _, bytes in
            if output.count < limit { output.append(contentsOf: bytes.prefix(limit - output.count)) }
        }
        return (termination, String(decoding: output, as: UTF8.self), cpu)
    }
}

/// The pipes between the tool and one child, all close-on-exec from the start so that
/// a program another thread starts cannot inherit them.
private final class Pipes {
    private var fds: [(read: Int32, write: Int32)] = []
    private(set) var readEnds: [(fd: Int32, stream: ChildProcess.Stream)] = []
    private(set) var childEnds: [(fd: Int32, target: Int32)] = []

    init(channel: Bool, watchdog: String?) throws {
        func make() throws -> (Int32, Int32) {
            var pair: [Int32] = [-1, -1]
            guard process_control_pipe(&pair) == 0 else {
                closeAll()
                throw BookError.io("cannot create a pipe: \(String(cString: strerror(errno)))")
            }
            fds.append((pair[0], pair[1]))
            return (pair[0], pair[1])
        }
        var streams: [(ChildProcess.Stream, Int32)] = [(.stdout, 1), (.stderr, 2)]
        if channel { streams.append((.channel, NotebookEnvironment.channelDescriptorNumber)) }
        for (stream, target) in streams {
            let (r, w) = try make()
            readEnds.append((r, stream))
            childEnds.append((w, target))
        }
        if let watchdog {
            // The line goes in before the child exists, so writing cannot meet a closed
            // reader; the write end stays here.
            let (r, w) = try make()
            let line = Array((watchdog + "\n").utf8)
            _ = line.withUnsafeBytes { write(w, $0.baseAddress, $0.count) }
            childEnds.append((r, NotebookEnvironment.watchdogDescriptorNumber))
        }
    }

    /// After the spawn: the child has its copies.
    func closeChildEnds() {
        for (fd, _) in childEnds where !readEnds.contains(where: { $0.fd == fd }) {
            // The watchdog's write end is kept; its read end and the data pipes' write ends go.
            close(fd)
            for i in fds.indices {
                if fds[i].read == fd { fds[i].read = -1 }
                if fds[i].write == fd { fds[i].write = -1 }
            }
        }
        childEnds = []
    }

    func closeAll() {
        for (r, w) in fds {
            if r >= 0 { close(r) }
            if w >= 0 { close(w) }
        }
        fds = []
    }
}

/// Readable names of the signals a chapter program may die of.
func signalDescription(_ signal: Int32) -> String {
    switch signal {
    case SIGILL, SIGTRAP: return "a trap (SIGILL): a failed precondition, an index out of range or an arithmetic overflow"
    case SIGSEGV: return "a memory fault (SIGSEGV)"
    case SIGBUS: return "a bus error (SIGBUS)"
    case SIGFPE: return "an arithmetic error (SIGFPE)"
    case SIGABRT: return "an abort (SIGABRT)"
    case SIGKILL: return "a kill signal (SIGKILL), perhaps for lack of memory"
    default: return "\(signalName(signal)), sent from outside the program"
    }
}

/// `SIGTERM (signal 15)`.
func signalName(_ signal: Int32) -> String {
    let names: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1",
        SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
        SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGVTALRM: "SIGVTALRM", SIGPROF: "SIGPROF", SIGSYS: "SIGSYS",
    ]
    return names[signal].map { "\($0) (signal \(signal))" } ?? "signal \(signal)"
}
