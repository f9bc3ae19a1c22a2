internal import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// Starts `executable` with `arguments` and the descriptors `actions` sets up, in a
    /// process group of its own, with every signal's action reset to the default and
    /// none blocked, whatever this process has set (it handles SIGINT and SIGTERM
    /// itself), and no descriptor above 5 (0–5 are what children are given: standard
    /// streams, the side channel, the watchdog, the jobserver): a compiler must not hold
    /// open what this process inherited, or whoever waits for this process to close it
    /// waits for the compiler too. Recorded in `RunningChildren`. Returns posix_spawn's
    /// error and the pid.
    static func spawnInOwnGroup(
        _ executable: String, _ arguments: [String], environment: [String: String],
        actions: inout posix_spawn_file_actions_t, guarded: Bool = true
    ) -> (error: Int32, pid: pid_t) {
        RunningChildren.shared.spawn(guarded: guarded) {
            spawnUnrecorded(executable, arguments, environment: environment, actions: &actions)
        }
    }

    /// `spawnInOwnGroup` without recording the child in `RunningChildren`: for the
    /// `ProcessGuardian`, which must outlive this process's kills and sweeps.
    static func spawnUnrecorded(
        _ executable: String, _ arguments: [String], environment: [String: String],
        actions: inout posix_spawn_file_actions_t
    ) -> (error: Int32, pid: pid_t) {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        _ = process_control_spawn_close_from(&actions, 6)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }

        var pid: pid_t = 0
        let error = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        return (error, pid)
    }
}
