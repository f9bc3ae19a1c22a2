import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in its own process group and reads its output as it comes, with a
/// deadline that the caller may move (per block) and a channel on file descriptor 3.
/// Blocking: call it off Swift's cooperative pool.
struct ChildProcess {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Open a pipe on the child's fd 3 for notebook messages.
    var withChannel = false
    /// The CPU budget's socket (`Jobserver.Link`): `child` becomes the program's fd 4 and
    /// is closed here once the program has started; what arrives on `parent` is passed
    /// to `onData` as `.tokens`. The caller keeps `parent` and closes it.
    var tokenSocket: (child: Int32, parent: Int32)?

    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed by us when the deadline passed.
        case timedOut
    }

    enum Stream { case stdout, stderr, channel, tokens }

    private static let spawnLock = NSLock()

    /// Starts the program, calls `onData` with each chunk read (on this thread), and
    /// returns when it has ended. `deadline` is asked again after every chunk.
    func run(deadline: () -> Date?, onData: (Stream, UnsafeRawBufferPointer) -> Void) throws -> Termination {
        try runMeasured(deadline: deadline, onData: onData).termination
    }

    /// `run`, also returning the CPU seconds (user and system) of the program and of
    /// the children it waited for.
    func runMeasured(deadline: () -> Date?,
                     onData: (Stream, UnsafeRawBufferPointer) -> Void) throws -> (termination: Termination, cpuSeconds: Double) {
        // The program's end of the budget socket is closed here however this ends (once
        // the program has it, at once: the builder's end must see the program's end).
        var tokenChildOpen = tokenSocket != nil
        defer { if tokenChildOpen, let tokenSocket { close(tokenSocket.child) } }
        // Pipes are made and the child spawned under one lock, so a child started by
        // another thread never inherits this child's pipe ends (which would keep them
        // open after this child exits). `pipe2` is not visible from Swift's Glibc.
        Self.spawnLock.lock()
        var locked = true
        defer { if locked { Self.spawnLock.unlock() } }
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], chanPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, !withChannel || pipe(&chanPipe) == 0 else {
            throw BookError.io("cannot create pipes: \(String(cString: strerror(errno)))")
        }
        for fd in outPipe + errPipe + (withChannel ? chanPipe : []) { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if withChannel { posix_spawn_file_actions_adddup2(&actions, chanPipe[1], 3) }
        if let tokenSocket { posix_spawn_file_actions_adddup2(&actions, tokenSocket.child, 4) }  // NotebookEnvironment.tokensDescriptorNumber

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group, so a timeout kills everything the program started; default
        // signal handling and an empty mask whatever the parent has set.
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let spawnError = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        if spawnError == 0 { RunningChildren.shared.add(pid) }
        defer { if spawnError == 0 { RunningChildren.shared.remove(pid) } }
        // The parent keeps only the read ends.
        close(outPipe[1]); close(errPipe[1])
        if withChannel { close(chanPipe[1]) }
        if let tokenSocket { close(tokenSocket.child); tokenChildOpen = false }
        Self.spawnLock.unlock()
        locked = false
        guard spawnError == 0 else {
            close(outPipe[0]); close(errPipe[0])
            if withChannel { close(chanPipe[0]) }
            throw BookError.io("cannot start \(executable): \(String(cString: strerror(spawnError)))")
        }

        var fds: [(fd: Int32, stream: Stream)] = [(outPipe[0], .stdout), (errPipe[0], .stderr)]
        if withChannel { fds.append((chanPipe[0], .channel)) }
        if let tokenSocket { fds.append((tokenSocket.parent, .tokens)) }
        var timedOut = false
        var killedAt: Date? = nil
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
        defer { buffer.deallocate() }

        while !fds.isEmpty {
            var waitMilliseconds: Int32 = 1000
            if let killedAt {
                // After a kill, give the pipes a moment to close, then stop reading.
                if Date().timeIntervalSince(killedAt) > 2 { break }
                waitMilliseconds = 100
            } else if let limit = deadline() {
                let left = limit.timeIntervalSinceNow
                if left <= 0 {
                    timedOut = true
                    kill(-pid, SIGKILL)
                    killedAt = Date()
                    continue
                }
                waitMilliseconds = Int32(min(max(left * 1000, 1), 1000))
            }
            var pollFds = fds.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&pollFds, nfds_t(pollFds.count), waitMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            var closed: [Int32] = []
            for (i, p) in pollFds.enumerated() where p.revents != 0 {
                let n = read(p.fd, buffer.baseAddress, buffer.count)
                if n > 0 {
                    onData(fds[i].stream, UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.append(p.fd)
                }
            }
            for fd in closed where fd != tokenSocket?.parent { close(fd) }
            fds.removeAll { closed.contains($0.fd) }
        }
        for (fd, stream) in fds where stream != .tokens { close(fd) }
        if killedAt == nil, !fds.isEmpty { kill(-pid, SIGKILL) }

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        // Anything the program left behind in its group goes too.
        kill(-pid, SIGKILL)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        if timedOut { return (.timedOut, cpu) }
        if status & 0x7f == 0 { return (.exited((status >> 8) & 0xff), cpu) }
        return (.signalled(status & 0x7f), cpu)
    }

    /// Runs a program to completion and returns its combined output (bounded).
    static func capture(_ executable: String, _ arguments: [String], environment: [String: String],
                        timeout: Double, limit: Int = 1 << 20) throws -> (Termination, String) {
        let (termination, text, _) = try captureMeasured(executable, arguments, environment: environment,
                                                         timeout: timeout, limit: limit)
        return (termination, text)
    }

    /// `capture`, also returning the CPU seconds the program used.
    static func captureMeasured(_ executable: String, _ arguments: [String], environment: [String: String],
                                timeout: Double, limit: Int = 1 << 20) throws -> (Termination, String, cpuSeconds: Double) {
        var output = Data()
        let child = ChildProcess(executable: executable, arguments: arguments, environment: environment)
        let end = Date().addingTimeInterval(timeout)
        let (termination, cpu) = try child.runMeasured(deadline: { end }) { _, bytes in
            if output.count < limit { output.append(contentsOf: bytes.prefix(limit - output.count)) }
        }
        return (termination, String(decoding: output, as: UTF8.self), cpu)
    }
}

/// The process groups of the children running now, so that an interrupted build can
/// stop them: they run in their own groups, out of reach of the terminal's Ctrl-C.
public final class RunningChildren: @unchecked Sendable {
    public static let shared = RunningChildren()
    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var sources: [DispatchSourceSignal] = []

    func add(_ pid: pid_t) { lock.lock(); groups.insert(pid); lock.unlock() }
    func remove(_ pid: pid_t) { lock.lock(); groups.remove(pid); lock.unlock() }

    /// Kills every running child's process group.
    public func killAll() {
        lock.lock(); defer { lock.unlock() }
        for pid in groups { kill(-pid, SIGKILL) }
    }

    /// On SIGINT or SIGTERM: kill the children, then exit with 128 + the signal.
    public func stopChildrenOnInterrupt() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                self?.killAll()
                FileHandle.standardError.write(Data("\ninterrupted\n".utf8))
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
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
    default: return "signal \(signal)"
    }
}
