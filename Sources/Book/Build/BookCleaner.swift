import Foundation

/// `tutorial clean`: removes the book and the results cache, only if the tool made them
/// (stamped), with the leftovers of builds that died. Waits for a build of the same book
/// to finish first.
public enum BookCleaner {
    /// One line per folder: what was removed, or why a folder was left.
    public struct Outcome: Sendable {
        public var lines: [String] = []
        /// A folder was there but is not the tool's, so it was left alone.
        public var refused = false
    }

    public static func clean(_ folders: BookFolders, waiting: (String) -> Void = { _ in }) async throws -> Outcome {
        var outcome = Outcome()
        let fm = FileManager.default
        let cacheOK = Result { try folders.check(folders.cache, as: .cache, others: [(folders.output, FolderStamp.book.what)]) }
        let outputOK = Result { try folders.check(folders.output, as: .book, others: [(folders.cache, FolderStamp.cache.what)]) }

        // All or nothing: if either folder is not the tool's, nothing is removed.
        for (folder, result) in [(folders.output, outputOK), (folders.cache, cacheOK)] {
            if case .failure(let error) = result {
                let reason: String
                if case BookError.unsafeFolder(_, _, let why) = error { reason = why } else { reason = "\(error)" }
                outcome.lines.append("error: refusing to remove \(folder.path): \(reason)")
                outcome.refused = true
            }
        }
        if outcome.refused {
            outcome.lines.append("nothing was removed")
            return outcome
        }

        // Hold the book's lock (in its cache, if there is one) while removing.
        var lock: BookLock? = nil
        if fm.fileExists(atPath: folders.cache.path) {
            lock = try await BookLock.acquire(
                in: folders.cache, purpose: "tutorial clean",
                prepare: ResultCache(directory: folders.cache).prepare, waiting: waiting)
        }
        defer { lock?.release() }

        BookOutput.sweepLeftovers(of: folders.output)
        if !fm.fileExists(atPath: folders.output.path) {
            outcome.lines.append("no book at \(folders.output.path)")
        } else if BookOutput.removeOwned(folders.output, stamp: .book) {
            outcome.lines.append("removed the book \(folders.output.path)")
        } else {
            outcome.lines.append("error: cannot remove the book \(folders.output.path)")
            outcome.refused = true
        }

        if !fm.fileExists(atPath: folders.cache.path) {
            outcome.lines.append("no results cache at \(folders.cache.path)")
        } else {
            do {
                // Moved aside in one step first: a build waiting for the lock may make a
                // new cache folder the moment the old one's name is free, and must not
                // find (or put files into) a half-removed one.
                let aside = folders.cache.deletingLastPathComponent()
                    .appendingPathComponent(ResultCache.asideName(of: folders.cache, "removing") + UUID().uuidString.prefix(8).lowercased())
                try fm.moveItem(at: folders.cache, to: aside)
                try fm.removeItem(at: aside)
                outcome.lines.append("removed the results cache \(folders.cache.path)")
            } catch {
                outcome.lines.append("error: cannot remove the results cache \(folders.cache.path): \(BookOutput.describe(error))")
                outcome.refused = true
            }
        }
        return outcome
    }
}
