// Linux process control that Swift cannot call directly: `prctl` and `syscall` are
// variadic, `pipe2` needs _GNU_SOURCE, and `siginfo_t` hides `si_pid` in a union.
// Header-only: every function is a static inline wrapper, so nothing is linked.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

extern int pipe2(int pipefd[2], int flags);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// Adds to `actions` the closing of every descriptor from `from` up, so a child holds
/// only the descriptors it was given (glibc 2.34+; needs _GNU_SOURCE, hence here).
/// 0 on success, else an error number.
static inline int process_control_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/// Makes the calling process the reaper of its orphaned descendants
/// (PR_SET_CHILD_SUBREAPER): they are reparented to it, not to init. 0 on success.
static inline int process_control_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

/// A pipe whose both ends are close-on-exec from the start, so a program another
/// thread starts at the same moment cannot inherit them. 0 on success.
static inline int process_control_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

/// A descriptor that becomes readable when process `pid` ends (Linux 5.3), or -1.
static inline int process_control_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

/// Whether child `pid` has ended, without reaping it (so its pid, and the id of the
/// process group it leads, cannot be reused yet): 1 if it has, 0 if not, -1 on error.
static inline int process_control_has_ended(pid_t pid) {
    siginfo_t info;
    info.si_pid = 0;
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return -1;
    return info.si_pid == pid ? 1 : 0;
}

/// The write end of the pipe `process_control_forward_signal`'s handler writes to.
static int process_control_signal_pipe = -1;

static void process_control_on_signal(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    ssize_t ignored = write(process_control_signal_pipe, &byte, 1);
    (void)ignored;
    errno = saved;
}

/// Catches `signal_number` with a handler that only writes its number as one byte to
/// `pipe_write_end` (async-signal-safe), whichever thread it lands on. 0 on success.
static inline int process_control_forward_signal(int signal_number, int pipe_write_end) {
    struct sigaction action;
    process_control_signal_pipe = pipe_write_end;
    action.sa_handler = process_control_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(signal_number, &action, 0);
}
