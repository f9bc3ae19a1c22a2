import Foundation

/// Chapter results on disk, one file per chapter: a checksum line, then JSON. An entry
/// whose checksum does not match, or that does not decode, is deleted and treated as
/// missing. Entries are written to a temporary file and renamed into place.
public struct ResultCache: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    struct Entry: Codable {
        var key: String
        var result: ChapterResult
        /// Seconds the run took, for the next run's estimate.
        var seconds: Double
        var savedAt: Date
    }

    private func file(for slug: String) -> URL {
        directory.appendingPathComponent("results").appendingPathComponent(slug + ".json")
    }

    /// The entry of a chapter, whatever its key (nil if absent or corrupt).
    func entry(for slug: String) -> Entry? {
        let url = file(for: slug)
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard let newline = data.firstIndex(of: 0x0A) else {
            discard(url)
            return nil
        }
        let checksum = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let payload = data[(newline + 1)...]
        guard ContentHash.of(Data(payload)) == checksum,
            let entry = try? JSONDecoder().decode(Entry.self, from: payload)
        else {
            discard(url)
            return nil
        }
        return entry
    }

    /// The cached result of a chapter when its key matches.
    func result(for slug: String, key: String) -> ChapterResult? {
        guard let entry = entry(for: slug), entry.key == key else { return nil }
        return entry.result
    }

    /// Throws `BookError.io` naming the entry's path and what went wrong (a full disk,
    /// a folder that cannot be made); a partly written entry is removed.
    func store(_ result: ChapterResult, for slug: String, key: String) throws {
        let url = file(for: slug)
        let fm = FileManager.default
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = try encoder.encode(
            Entry(
                key: key, result: result,
                seconds: result.compileSeconds + result.runSeconds,
                savedAt: Date()))
        var data = Data(ContentHash.of(payload).utf8)
        data.append(0x0A)
        data.append(payload)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(slug).\(UUID().uuidString.prefix(8)).tmp")
        do {
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            try? fm.removeItem(at: temporary)
            throw BookError.io("cannot write the cache entry \(url.path): \(BookOutput.describe(error))")
        }
        if rename(temporary.path, url.path) != 0 {
            let why = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw BookError.io("cannot write the cache entry \(url.path): \(why)")
        }
    }

    private func discard(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// Creates the cache folder with its tag (`FolderStamp.cache`), or tags a cache made
    /// before the tag existed. Call it after `BookFolders.check()`.
    func prepare() throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            if !FolderStamp.cache.isPresent(in: directory) { try FolderStamp.cache.write(in: directory) }
        } catch {
            throw BookError.io("cannot make the results cache \(directory.path): \(BookOutput.describe(error))")
        }
    }

    /// Where chapter programs are compiled: one subfolder per run, removed when the run
    /// ends (kept with `TUTORIAL_KEEP_BUILD=1` until the next build).
    var workDirectory: URL { directory.appendingPathComponent("build") }

    /// `.NAME.WHAT-` for a folder `NAME` (one leading dot, however NAME starts): the
    /// prefix of the names a folder takes while it is being removed.
    static func asideName(of folder: URL, _ what: String) -> String {
        let name = folder.lastPathComponent
        return (name.hasPrefix(".") ? name : "." + name) + ".\(what)-"
    }

    /// Removes what runs that died left in `workDirectory`, and half-written files
    /// (`.NAME.XXXXXXXX.tmp`) in `results/` and beside the compiler's version. Call it
    /// holding the lock.
    func sweepWorkDirectory() {
        let fm = FileManager.default
        // Caches a killed `clean` had moved aside (`.NAME.removing-*`, tagged).
        let parent = directory.deletingLastPathComponent()
        let prefix = Self.asideName(of: directory, "removing")
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            let aside = parent.appendingPathComponent(name)
            if FolderStamp.cache.isPresent(in: aside) { try? fm.removeItem(at: aside) }
        }
        for name in (try? fm.contentsOfDirectory(atPath: workDirectory.path)) ?? [] {
            try? fm.removeItem(at: workDirectory.appendingPathComponent(name))
        }
        for folder in [directory.appendingPathComponent("results"), directory] {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
