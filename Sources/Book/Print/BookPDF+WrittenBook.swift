import Foundation

extension BookPDF {
    /// `tutorial pdf`: the PDF of the book `tutorial build` wrote to `folders.output`,
    /// written into that folder. Runs no chapter; waits for a build of the same book to
    /// finish (it holds the book's lock while it prints).
    public static func make(
        for folders: BookFolders, options: Options,
        waiting: (String) -> Void = { _ in }
    ) async throws -> Outcome {
        try folders.check()
        try requireBook(folders.output)
        let cache = ResultCache(directory: folders.cache)
        let lock = try await BookLock.acquire(in: folders.cache, purpose: "tutorial pdf", prepare: cache.prepare, waiting: waiting)
        defer { lock.release() }
        // A build may have replaced or removed the book while this waited.
        try folders.check()
        try requireBook(folders.output)
        cache.sweepWorkDirectory()
        let output = folders.output
        let cacheDirectory = folders.cache
        return try await ChapterJobs.onThread {
            Result { try make(in: output, cache: cacheDirectory, options: options) }
        }.get()
    }

    /// Throws unless `folder` is a book `tutorial build` wrote (it carries the stamp).
    static func requireBook(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BookError.printing("there is no book at \(folder.path): run `tutorial build` first (or `tutorial build --pdf`)")
        }
        guard FolderStamp.book.isPresent(in: folder) else {
            throw BookError.unsafeFolder(
                path: folder.path, what: FolderStamp.book.what,
                reason:
                    "it has no \(FolderStamp.book.fileName) stamp, so `tutorial build` did not write it; the PDF goes only into a book the tool wrote"
            )
        }
    }
}
