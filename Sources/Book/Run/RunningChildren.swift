internal import CProcessControl
import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The programs this process started and has not yet reaped, and (when the tool has
/// adopted orphans, see `adoptOrphans`) the end of everything they left behind.
///
/// A pid leaves the set only once it is reaped, under the same lock that guards every
/// signal sent by pid here, so no signal reaches a process group whose leader has been
/// reaped (and whose id may belong to someone else by then).
public final class RunningChildren: @unchecked Sendable {
    public static let shared = RunningChildren()
    private let lock = NSLock()
    private var running: Set<pid_t> = []
    private var adopting = false
    /// Kills the groups still running if this process is killed outright (see
    /// `ProcessGuardian`); started with `adoptOrphans`.
    private var guardian: ProcessGuardian?
    private let reaping = NSLock()

    /// Starts a child with `spawn` (which returns posix_spawn's result and the pid) and
    /// records it, under the lock, so that `reapOrphans` never mistakes it for an orphan.
    /// `guarded`: the guardian kills its group if this process is killed outright; not
    /// for a child that watches for that itself (a chapter program, which then ends what
    /// it started in other groups too: a SIGKILL would stop it before it could).
    func spawn(guarded: Bool = true, _ spawn: () -> (error: Int32, pid: pid_t)) -> (error: Int32, pid: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        let result = spawn()
        if result.error == 0 {
            running.insert(result.pid)
            if guarded { guardian?.started(result.pid) }
        }
        return result
    }

    /// Reaps `pid`, which has ended or been killed, and forgets it. Waits at most
    /// `seconds`; a child that has not ended by then (stuck in the kernel) stays in the
    /// set and is reaped by a later `reapOrphans`.
    func reap(_ pid: pid_t, seconds: Double = 10) -> Int32? {
        reapMeasured(pid, seconds: seconds)?.status
    }

    /// `reap`, also returning the CPU seconds (user and system, all threads) the child
    /// and the children it waited for used, from `wait4`.
    func reapMeasured(_ pid: pid_t, seconds: Double = 10) -> (status: Int32, cpuSeconds: Double)? {
        let end = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        var usage = rusage()
        while true {
            lock.lock()
            let done = wait4(pid, &status, WNOHANG, &usage)
            let failed = done < 0 && errno != EINTR
            if done == pid || failed, running.remove(pid) != nil { guardian?.ended(pid) }
            lock.unlock()
            if done == pid {
                let cpu =
                    Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
                return (status, cpu)
            }
            if failed || Date() >= end { return nil }
            usleep(5_000)
        }
    }

    /// Kills the process group of every running child (each one's leader is not yet
    /// reaped, so each group id is still its own).
    public func killAll() {
        lock.lock()
        defer { lock.unlock() }
        for pid in running { kill(-pid, SIGKILL) }
    }

    /// Makes this process the reaper of orphaned descendants (`PR_SET_CHILD_SUBREAPER`):
    /// whatever a chapter program started and left behind when it ended is reparented
    /// here instead of to init, and `reapOrphans` ends it. Also starts the
    /// `ProcessGuardian`, which ends the running children's groups if this process is
    /// killed outright. Only for a process whose every
    /// child is started through `ChildProcess` (the `tutorial` command): any other child
    /// would be taken for an orphan.
    public func adoptOrphans() {
        lock.lock()
        defer { lock.unlock() }
        if !adopting { adopting = process_control_become_subreaper() == 0 }
        if guardian == nil { guardian = ProcessGuardian() }
    }

    /// Kills and reaps the orphans this process adopted, and theirs in turn as they are
    /// reparented here, for at most `seconds`. Signals go only to this process's own
    /// children, which cannot be reaped (and their pids reused) by anyone else.
    func reapOrphans(seconds: Double = 5) {
        reaping.lock()
        defer { reaping.unlock() }
        let end = Date().addingTimeInterval(seconds)
        while true {
            lock.lock()
            guard adopting else {
                lock.unlock()
                return
            }
            let orphans = ProcessTree.children(of: getpid()).filter { !running.contains($0) && $0 != guardian?.pid }
            for pid in orphans { kill(pid, SIGKILL) }
            lock.unlock()
            if orphans.isEmpty || Date() >= end { return }
            for pid in orphans {
                var status: Int32 = 0
                _ = waitpid(pid, &status, WNOHANG)
            }
            usleep(5_000)
        }
    }
}
