import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The processes below a process, found by parentage in `/proc`, and how to end them all.
///
/// Process groups are not enough: Foundation's `Process` starts each program in a new
/// group, and a program may start its own. Parentage is: a chapter program makes itself
/// the reaper of its orphaned descendants (`Watchdog`), so everything it starts stays
/// below it for as long as it lives. Shared by the tool and the runtime (`package`:
/// chapter code does not see it).
package enum ProcessTree {
    /// The parent of every process now: pid → ppid, from `/proc/PID/stat`.
    package static func parents() -> [pid_t: pid_t] {
        var result: [pid_t: pid_t] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let ppid = parent(of: pid) else { continue }
            result[pid] = ppid
        }
        return result
    }

    /// The children of `pid` now.
    package static func children(of pid: pid_t) -> [pid_t] {
        parents().compactMap { $0.value == pid ? $0.key : nil }.sorted()
    }

    /// The parent of `pid`, or nil if it is gone. `/proc/PID/stat` reads
    /// `PID (COMMAND) STATE PPID …`; the command may itself hold spaces and parentheses,
    /// so the fields are counted from the last `)`.
    package static func parent(of pid: pid_t) -> pid_t? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0, let close = buffer[..<n].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(close + 1)..<n].split(separator: UInt8(ascii: " "))
        guard fields.count >= 2 else { return nil }
        return pid_t(String(decoding: fields[1], as: UTF8.self))
    }

    /// Ends everything below `root`, and `root` itself when `includingRoot`.
    ///
    /// Top-down, each process is stopped (SIGSTOP) before its children are looked for,
    /// so none can start more, and none can be reaped (and its pid reused) by a parent
    /// that is itself stopped; then all are killed (SIGKILL). `root` must be this process
    /// or a child of it that has not been reaped. Rounds are bounded: a process that
    /// escapes (it was reparented away) is no longer below `root`.
    package static func kill(below root: pid_t, includingRoot: Bool) {
        let me = getpid()
        var stopped: [pid_t] = []
        var seen: Set<pid_t> = [root]
        if root != me { Glibc.kill(root, SIGSTOP) }
        for _ in 0..<64 {
            var found = false
            for (pid, ppid) in parents() where seen.contains(ppid) && !seen.contains(pid) && pid != me {
                Glibc.kill(pid, SIGSTOP)
                seen.insert(pid)
                stopped.append(pid)
                found = true
            }
            if !found { break }
        }
        for pid in stopped { Glibc.kill(pid, SIGKILL) }
        if includingRoot, root != me {
            Glibc.kill(-root, SIGKILL)
            Glibc.kill(root, SIGKILL)
        } else if root != me {
            Glibc.kill(root, SIGCONT)
        }
    }
}
