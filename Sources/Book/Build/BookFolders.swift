import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a build reads and writes, checked before any chapter runs.
///
/// The book is written only into a folder that is absent, empty, or a book this tool
/// wrote (it carries `FolderStamp.book`); the cache likewise (`FolderStamp.cache`).
/// Neither may be, contain or lie inside the chapters folder, be or contain the current
/// folder, or overlap the other; neither may be a file or a symbolic link. Paths are
/// compared after resolving symbolic links, so `--output ../book/chapters/..` is seen
/// for what it is.
public struct BookFolders: Sendable {
    public var chapters: URL
    public var output: URL
    public var cache: URL
    public var currentDirectory: URL

    public init(
        chapters: URL, output: URL, cache: URL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.chapters = chapters
        self.output = output
        self.cache = cache
        self.currentDirectory = currentDirectory
    }

    /// Throws `BookError.unsafeFolder` naming the folder and why, if the book may not be
    /// written to `output` or results kept in `cache`.
    public func check() throws {
        try check(output, as: .book, others: [(cache, FolderStamp.cache.what)])
        try check(cache, as: .cache, others: [(output, FolderStamp.book.what)])
    }

    /// The checks common to writing and removing a folder of kind `stamp`.
    func check(_ folder: URL, as stamp: FolderStamp, others: [(URL, String)]) throws {
        func refuse(_ reason: String) -> BookError {
            .unsafeFolder(path: folder.path, what: stamp.what, reason: reason)
        }
        let fm = FileManager.default
        if let type = try? fm.attributesOfItem(atPath: folder.path)[.type] as? FileAttributeType {
            if type == .typeSymbolicLink {
                throw refuse("it is a symbolic link; give the folder it points to if that is what you mean")
            }
            if type != .typeDirectory { throw refuse("it is a file, not a folder") }
        }
        let path = Self.resolved(folder)
        let related: [(URL, String)] = [(chapters, "chapters folder")] + others
        for (other, name) in related {
            let otherPath = Self.resolved(other)
            if path == otherPath { throw refuse("it is the \(name)") }
            if Self.isInside(otherPath, path) { throw refuse("it contains the \(name)") }
            if Self.isInside(path, otherPath) { throw refuse("it lies inside the \(name)") }
        }
        let current = Self.resolved(currentDirectory)
        if path == current { throw refuse("it is the current folder") }
        if Self.isInside(current, path) { throw refuse("it contains the current folder") }
        if path == "/" { throw refuse("it is the root of the file system") }

        guard fm.fileExists(atPath: folder.path) else { return }
        guard !stamp.isPresent(in: folder) else { return }
        let entries = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        if entries.isEmpty { return }
        if stamp == .cache, Self.isUnstampedCache(folder, entries: entries) { return }
        switch stamp {
        case .book:
            throw refuse(
                "it is not empty and has no \(stamp.fileName) stamp, so `tutorial build` did not write it (books written before the stamp existed have none: remove such an old book yourself)"
            )
        case .cache:
            throw refuse("it is not empty and has no \(stamp.fileName) tag, so `tutorial` did not make it")
        case .figures:
            throw refuse("it is not empty and has no \(stamp.fileName) stamp, so `tutorial run` did not write it")
        }
    }

    /// A cache from before the tag existed holds nothing but `results/` (entries with
    /// checksums) and `build/`; it is adopted.
    static func isUnstampedCache(_ folder: URL, entries: [String]) -> Bool {
        entries.allSatisfy { ["results", "build", "lock"].contains($0) } && entries.contains("results")
    }

    /// The absolute path with every symbolic link resolved, for the part of it that
    /// exists; the rest appended as written (after `.` and `..` are applied).
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                let joined = rest.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
                return joined
            }
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { return url.standardizedFileURL.path }
            rest.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }

    /// Whether `path` lies strictly inside `folder` (both resolved).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }
}
