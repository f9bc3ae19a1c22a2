import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One build (or `clean`) of a book at a time: an exclusive `flock` on `lock` in the
/// book's cache folder, held from the checks before a build to the moment its output is
/// in place. A second build waits, saying which process holds the lock. The kernel drops
/// the lock when its holder dies, however it dies.
public final class BookLock: @unchecked Sendable {
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { release() }

    /// Takes the lock of the cache folder `cache`, calling `waiting` once with a sentence
    /// naming the holder if another process has it. `prepare` makes the folder, before
    /// the first try and again if the holder removed it (as `clean` does).
    static func acquire(
        in cache: URL, purpose: String, prepare: () throws -> Void,
        waiting: (String) -> Void = { _ in }
    ) async throws -> BookLock {
        let url = cache.appendingPathComponent("lock")
        var told = false
        while true {
            try prepare()
            let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw BookError.io("cannot open the lock file \(url.path): \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                // The lock is ours unless `clean` removed the file after we opened it (then
                // another process may be locking a new file of the same name): try again.
                if isSameFile(fd, url.path) {
                    let note = "\(getpid()) \(purpose)\n"
                    _ = ftruncate(fd, 0)
                    _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
                    return BookLock(fd: fd)
                }
                close(fd)
                continue
            }
            let why = errno
            if why != EWOULDBLOCK && why != EINTR {
                close(fd)
                throw BookError.io("cannot lock \(url.path): \(String(cString: strerror(why)))")
            }
            if !told {
                told = true
                waiting("waiting for \(holder(of: url)) to finish with this book (lock: \(url.path))")
            }
            close(fd)
            try BookBuilder.stopIfInterrupted("stopped while waiting; nothing was changed")
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Releases the lock (also done when the object goes away).
    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    private static func isSameFile(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(fd, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// "process 1234 (tutorial build)" from the lock file, or a vaguer phrase.
    private static func holder(of url: URL) -> String {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let parts = text.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let pid = Int32(parts[0]) else { return "another process" }
        return "process \(pid) (\(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)))"
    }
}
