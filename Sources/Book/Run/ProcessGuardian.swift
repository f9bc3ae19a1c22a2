internal import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Ends what `tutorial` started when `tutorial` is killed outright (SIGKILL), for the
/// children that cannot watch for it themselves.
///
/// Chapter programs watch a pipe only `tutorial` holds and end when it closes, but the
/// compiler cannot be taught to: killed during a compile, `tutorial` would leave `swiftc`
/// and its frontends working for seconds to minutes. The guardian is a small shell in a
/// process group of its own, started once, that keeps the list of running process
/// groups `tutorial` writes to its standard input (`+PID` when a child starts, `-PID`
/// once it is reaped) and, when that input closes, kills the groups still listed. When
/// `tutorial` ends normally every child has been reaped and the list is empty. The
/// socket's end here is close-on-exec, so no child holds it open, and it is written with
/// `MSG_NOSIGNAL`, so a guardian that died never costs `tutorial` a SIGPIPE.
///
/// Shell rather than a Swift helper: the job is a dozen lines of `read`, `case` and
/// `kill`, and `/bin/sh` is on every machine `tutorial` runs on.
final class ProcessGuardian: @unchecked Sendable {
    /// The guardian's pid, so that the orphan sweep leaves it alone.
    let pid: pid_t
    private let socket: Int32

    static let script = """
        groups=' '
        while IFS= read -r line; do
          case $line in
            +*) groups="$groups${line#+} " ;;
            -*) p=${line#-}; case $groups in *" $p "*) groups="${groups%% $p *} ${groups#* $p }" ;; esac ;;
          esac
        done
        for g in $groups; do kill -9 "-$g" 2>/dev/null; done
        """

    /// Starts the guardian; nil when it cannot be started (then nothing is guarded,
    /// as before).
    init?() {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = process_control_spawn_close_from(&actions, 3)
        // A group of its own: Ctrl-C at the terminal reaches `tutorial`, which stops its
        // children itself, not the guardian.
        let (error, pid) = ChildProcess.spawnUnrecorded(
            "/bin/sh", ["-c", Self.script], environment: ProcessInfo.processInfo.environment, actions: &actions)
        close(ends[1])
        guard error == 0 else {
            close(ends[0])
            return nil
        }
        self.pid = pid
        self.socket = ends[0]
    }

    /// Tells the guardian a child's process group is running.
    func started(_ pid: pid_t) { say("+\(pid)\n") }

    /// Tells the guardian a child was reaped: its group is no longer ours to kill.
    func ended(_ pid: pid_t) { say("-\(pid)\n") }

    private func say(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
