import Foundation
import NotebookProtocol

@_implementationOnly import CProcessControl

#if canImport(Glibc)
import Glibc
#endif

/// A chapter program's tie to the `tutorial` that started it, so that nothing the
/// chapter starts outlives the tool, however the tool ends (SIGKILL included).
///
/// The tool gives the program the read end of a pipe whose write end only the tool
/// holds (`NotebookEnvironment.watchdogDescriptor`), with one line in it: a token the
/// runtime puts on the messages that mark where blocks begin and end, so a block cannot
/// end or extend its own time limit by writing such messages itself. When the tool
/// ends, the kernel closes the write end and the pipe reads end-of-file; a thread
/// waiting on it then ends every process below this one, and this one. The same happens
/// when the program outlives its time limit (`NotebookEnvironment.timeLimit`, a little
/// beyond the tool's own), and what the program started is ended when it exits.
///
/// The program makes itself the reaper of its orphaned descendants, so that everything
/// it starts (in any process group, daemonized or not) stays below it.
enum Watchdog {
    /// The token for block messages; nil when the program runs by hand.
    static let token: String? = start()

    private static func start() -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard let fd = environment[NotebookEnvironment.watchdogDescriptor].flatMap({ Int32($0) }) else { return nil }
        _ = process_control_become_subreaper()
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        guard let token = readLine(fd) else {
            // The tool is already gone.
            endEverything(because: nil)
        }
        atexit { ProcessTree.kill(below: getpid(), includingRoot: false) }
        let limit = environment[NotebookEnvironment.timeLimit].flatMap { Double($0) }
        let thread = Thread { watch(fd, limit: limit) }
        thread.stackSize = 1 << 18
        thread.start()
        return token
    }

    /// The first line of the pipe, or nil at end-of-file.
    private static func readLine(_ fd: Int32) -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 256 {
            let n = read(fd, &byte, 1)
            if n < 0, errno == EINTR { continue }
            guard n == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }

    private static func watch(_ fd: Int32, limit: Double?) {
        let end = limit.map { Date().addingTimeInterval($0) }
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let left = end.map { $0.timeIntervalSinceNow } ?? 3600
            if left <= 0 { endEverything(because: limit) }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(min(left, 3600) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                endEverything(because: nil)
            }
            guard ready > 0 else { continue }
            // The tool never writes after the token: anything else is its end.
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0, !(n < 0 && errno == EINTR) { endEverything(because: nil) }
        }
    }

    private static func endEverything(because limit: Double?) -> Never {
        if let limit {
            let note = "\nthe program ran past its time limit of \(Int(limit)) s and stopped itself\n"
            _ = note.withCString { write(2, $0, strlen($0)) }
        }
        ProcessTree.kill(below: getpid(), includingRoot: false)
        Glibc.kill(getpid(), SIGKILL)
        _exit(137)
    }
}
