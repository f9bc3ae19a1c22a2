import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A temporary folder for one `tutorial run`, in the user's own `tutorial-run-UID` under
/// the system's temporary folder: `run-XXXXXXXX/`, with a `lock` file locked (`flock`)
/// while the run lasts. It is removed when the run ends; one a killed run left behind is
/// removed by the next run, which knows it is dead because its lock is free.
public final class ScratchFolder: @unchecked Sendable {
    public let url: URL
    private var lockFD: Int32

    private init(url: URL, lockFD: Int32) {
        self.url = url
        self.lockFD = lockFD
    }

    deinit { remove() }

    /// Makes a new folder under `root` (by default the user's folder under the system's
    /// temporary folder), after sweeping the leftovers of dead runs there.
    public static func make(in root: URL? = nil) throws -> ScratchFolder {
        let fm = FileManager.default
        let root = root ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tutorial-run-\(getuid())")
        // The shared temporary folder is everyone's: the folder must be ours, not a link.
        if mkdir(root.path, 0o700) != 0, errno != EEXIST {
            throw BookError.io("cannot make the temporary folder \(root.path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(root.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else {
            throw BookError.io("cannot use the temporary folder \(root.path): it is not a folder of this user's (remove it)")
        }
        sweep(root)
        let url = root.appendingPathComponent("run-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try fm.createDirectory(at: url, withIntermediateDirectories: false)
        } catch {
            throw BookError.io("cannot make the temporary folder \(url.path): \(BookOutput.describe(error))")
        }
        let fd = open(url.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let why = String(cString: strerror(errno))
            if fd >= 0 { close(fd) }
            try? fm.removeItem(at: url)
            throw BookError.io("cannot lock the temporary folder \(url.path): \(why)")
        }
        return ScratchFolder(url: url, lockFD: fd)
    }

    /// Removes the folder (also done when the object goes away).
    public func remove() {
        guard lockFD >= 0 else { return }
        try? FileManager.default.removeItem(at: url)
        close(lockFD)
        lockFD = -1
    }

    /// Removes the `run-*` folders under `root` whose lock no process holds.
    static func sweep(_ root: URL) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix("run-") {
            let folder = root.appendingPathComponent(name)
            let fd = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
            // No lock file: a run that died between making the folder and locking it
            // (or one doing so now, hence the minute's grace).
            if fd < 0 {
                let missing = errno == ENOENT
                let made = (try? fm.attributesOfItem(atPath: folder.path)[.modificationDate] as? Date) ?? Date()
                if missing, Date().timeIntervalSince(made) > 60 { try? fm.removeItem(at: folder) }
                continue
            }
            defer { close(fd) }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { try? fm.removeItem(at: folder) }
        }
    }
}
