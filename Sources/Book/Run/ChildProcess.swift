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

    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed by us when the deadline passed.
        case timedOut
    }

    enum Stream { case stdout, stderr, channel }

    private static let spawnLock = NSLock()

    /// Starts the program, calls `onData` with each chunk read (on this thread), and
    /// returns when it has ended. `deadline` is asked again after every chunk.
    func run(deadline: () -> Date?, onData: (Stream, UnsafeRawBufferPointer) -> Void) throws -> Termination {
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
        // The parent keeps only the read ends.
        close(outPipe[1]); close(errPipe[1])
        if withChannel { close(chanPipe[1]) }
        Self.spawnLock.unlock()
        locked = false
        guard spawnError == 0 else {
            close(outPipe[0]); close(errPipe[0])
            if withChannel { close(chanPipe[0]) }
            throw BookError.io("cannot start \(executable): \(String(cString: strerror(spawnError)))")
        }

        var fds: [(fd: Int32, stream: Stream)] = [(outPipe[0], .stdout), (errPipe[0], .stderr)]
        if withChannel { fds.append((chanPipe[0], .channel)) }
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
            for fd in closed { close(fd) }
            fds.removeAll { closed.contains($0.fd) }
        }
        for (fd, _) in fds { close(fd) }
        if killedAt == nil, !fds.isEmpty { kill(-pid, SIGKILL) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Anything the program left behind in its group goes too.
        kill(-pid, SIGKILL)
        if timedOut { return .timedOut }
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(status & 0x7f)
    }

    /// Runs a program to completion and returns its combined output (bounded).
    static func capture(_ executable: String, _ arguments: [String], environment: [String: String],
                        timeout: Double, limit: Int = 1 << 20) throws -> (Termination, String) {
        var output = Data()
        let child = ChildProcess(executable: executable, arguments: arguments, environment: environment)
        let end = Date().addingTimeInterval(timeout)
        let termination = try child.run(deadline: { end }) { _, bytes in
            if output.count < limit { output.append(contentsOf: bytes.prefix(limit - output.count)) }
        }
        return (termination, String(decoding: output, as: UTF8.self))
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
