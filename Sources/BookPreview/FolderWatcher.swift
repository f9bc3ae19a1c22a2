import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (and the folders inside them) with inotify and calls `onChange`
/// whenever something in them is written, created, moved or removed. It says only
/// *that* something changed; the preview looks at the files to learn what. Idle, it
/// costs nothing: its thread sleeps in `poll` until the kernel has an event.
///
/// Editors save in different ways (write in place; write a temporary file and rename
/// it over the old one; delete and recreate), and each way ends in one of the events
/// watched here. A folder created later is watched as it appears.
final class FolderWatcher: @unchecked Sendable {
    private let inotify: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let lock = NSLock()
    private var folders: [Int32: String] = [:]
    private let skip: @Sendable (String) -> Bool
    private let onChange: @Sendable () -> Void
    private var thread: Thread?

    private static let mask: UInt32 = UInt32(
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE
            | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// `skip` names folders not to watch (the output or cache when they lie inside).
    init(
        folders roots: [URL], skip: @escaping @Sendable (String) -> Bool = { _ in false },
        onChange: @escaping @Sendable () -> Void
    ) throws {
        self.skip = skip
        self.onChange = onChange
        inotify = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard inotify >= 0 else {
            throw PreviewError.cannotWatch(path: roots.first?.path ?? "", reason: String(cString: strerror(errno)))
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            close(inotify)
            throw PreviewError.cannotWatch(path: roots.first?.path ?? "", reason: String(cString: strerror(errno)))
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        stopPipe = (fds[0], fds[1])
        for root in roots {
            try addTree(root.standardizedFileURL.path)
        }
        let thread = Thread { [self] in loop() }
        thread.name = "tutorial serve: watcher"
        self.thread = thread
        thread.start()
    }

    deinit {
        close(inotify)
        close(stopPipe.read)
        close(stopPipe.write)
    }

    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
    }

    /// Watches `path` and every folder below it, except hidden ones and skipped ones.
    private func addTree(_ path: String) throws {
        let wd = inotify_add_watch(inotify, path, Self.mask)
        guard wd >= 0 else { throw PreviewError.cannotWatch(path: path, reason: String(cString: strerror(errno))) }
        lock.lock()
        folders[wd] = path
        lock.unlock()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let child = path + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue,
                !skip(child)
            {
                try? addTree(child)
            }
        }
    }

    private func loop() {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            var fds = [
                pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, -1)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            var changed = false
            while true {
                let n = read(inotify, buffer, size)
                if n <= 0 { break }
                var offset = 0
                while offset < n {
                    let event = (buffer + offset).assumingMemoryBound(to: inotify_event.self).pointee
                    let nameLength = Int(event.len)
                    var name = ""
                    if nameLength > 0 {
                        let start = (buffer + offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
                        name = String(cString: start)
                    }
                    offset += MemoryLayout<inotify_event>.size + nameLength
                    lock.lock()
                    let folder = folders[event.wd]
                    lock.unlock()
                    if event.mask & UInt32(IN_IGNORED) != 0 {
                        lock.lock()
                        folders[event.wd] = nil
                        lock.unlock()
                        continue
                    }
                    // Editors' swap and backup files say nothing about the book.
                    if name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" { continue }
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                        let folder, !skip(folder + "/" + name)
                    {
                        try? addTree(folder + "/" + name)
                    }
                    changed = true
                }
            }
            if changed { onChange() }
        }
    }
}
