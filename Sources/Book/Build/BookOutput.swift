import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished book in place, and removes books and caches, touching only folders
/// the tool made.
///
/// The site is written into `.NAME.tmp-XXXXXXXX` beside the output folder, stamped
/// first, then swapped with the previous book (moved aside to `.NAME.old-XXXXXXXX` and
/// removed), so `output` is never half-written and a failed write leaves the previous
/// book. Leftovers of a build that died are swept by the next build or `clean`.
enum BookOutput {
    /// Writes `site` (and pictures beside the chapters) and swaps it into `output`. Each
    /// of `editions` goes into its folder inside (`output/ko/`), with the pictures of its
    /// own folder and, where it has none of the same name, the source's; `files` are
    /// written too, by path relative to `output`. `beforeSwap` gets the finished folder
    /// before it is swapped in (the PDF goes in there); if it throws, nothing is swapped
    /// in and the folder is removed.
    static func replace(
        _ output: URL, with site: BookSite, editions: [BookSite] = [], files: [String: String] = [:],
        theme: URL?, images: [String] = [], from chapters: URL? = nil,
        beforeSwap: (URL) throws -> Void = { _ in }
    ) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let token = UUID().uuidString.prefix(8).lowercased()
        let temporary = parent.appendingPathComponent(".\(output.lastPathComponent).tmp-\(token)")
        let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(token)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
            try FolderStamp.book.write(in: temporary)
            let writer = SiteWriter(themeDirectory: theme)
            try writer.write(site, to: temporary)
            for edition in editions { try writer.write(edition, to: temporary) }
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                try FileCopier.write(text, to: temporary.appendingPathComponent(path))
            }
            if let chapters {
                let folders = editions.compactMap { $0.edition.folder.map { $0 + "/" } }
                // The source's pictures serve an edition's pages too, where it has none of its own.
                let shared = images.filter { image in !folders.contains { image.hasPrefix($0) } }
                let placed = images.map { ($0, $0) } + folders.flatMap { folder in shared.map { ($0, folder + $0) } }
                for (image, place) in placed {
                    let target = temporary.appendingPathComponent(place)
                    // The site's own files win over a picture of the same name.
                    guard !fm.fileExists(atPath: target.path) else { continue }
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.copyItem(at: chapters.appendingPathComponent(image), to: target)
                }
            }
        } catch {
            removeOwned(temporary, stamp: .book)
            throw BookError.io("cannot write the book to \(temporary.path): \(describe(error))")
        }
        do { try beforeSwap(temporary) } catch {
            removeOwned(temporary, stamp: .book)
            throw error
        }

        // An interrupt while the site was written (or printed): nothing is swapped in.
        do { try BookBuilder.stopIfInterrupted() } catch {
            removeOwned(temporary, stamp: .book)
            throw error
        }
        // The folder was checked before the build; check again, as it may have changed.
        let hadOutput = fm.fileExists(atPath: output.path)
        if hadOutput, !isOwned(output, stamp: .book) {
            removeOwned(temporary, stamp: .book)
            throw BookError.unsafeFolder(
                path: output.path, what: FolderStamp.book.what,
                reason: "it changed during the build and is no longer empty or a book this tool wrote")
        }
        if hadOutput, rename(output.path, old.path) != 0 {
            let why = String(cString: strerror(errno))
            removeOwned(temporary, stamp: .book)
            throw BookError.io("cannot move the previous book \(output.path) aside: \(why)")
        }
        if rename(temporary.path, output.path) != 0 {
            let why = String(cString: strerror(errno))
            if hadOutput { _ = rename(old.path, output.path) }
            removeOwned(temporary, stamp: .book)
            throw BookError.io("cannot move the book into \(output.path): \(why)")
        }
        if hadOutput { removeOwned(old, stamp: .book) }
    }

    /// Whether `folder` is one the tool may replace or remove: it carries `stamp`, or it
    /// is an empty folder (not a link).
    static func isOwned(_ folder: URL, stamp: FolderStamp) -> Bool {
        let fm = FileManager.default
        guard let type = try? fm.attributesOfItem(atPath: folder.path)[.type] as? FileAttributeType,
            type == .typeDirectory
        else { return false }
        if stamp.isPresent(in: folder) { return true }
        return (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
    }

    /// Removes `folder` if the tool may (see `isOwned`); returns whether it did.
    @discardableResult
    static func removeOwned(_ folder: URL, stamp: FolderStamp) -> Bool {
        guard isOwned(folder, stamp: stamp) else { return false }
        return (try? FileManager.default.removeItem(at: folder)) != nil
    }

    /// Removes the temporary and set-aside folders that builds which died left beside
    /// `output` (only stamped or empty ones). Call it holding the book's lock.
    static func sweepLeftovers(of output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).tmp-", ".\(output.lastPathComponent).old-"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where prefixes.contains(where: name.hasPrefix) {
            removeOwned(parent.appendingPathComponent(name), stamp: .book)
        }
    }

    /// A Foundation error as a sentence, without the `NSError` dump.
    static func describe(_ error: Error) -> String {
        if let error = error as? BookError { return error.description }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            let path = (ns.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            return path + String(cString: strerror(code.rawValue))
        }
        return ns.localizedDescription
    }
}
