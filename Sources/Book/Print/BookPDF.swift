import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `book.pdf`, the whole book as one PDF, in the book folder beside the pages.
///
/// `BookPrinter` prints it from the book's `print.html`. It is kept in the results cache
/// (`pdf/`) under a key of everything the print page shows — the page itself, the
/// assets and pictures it loads — so a book whose pages did not change is not printed
/// again: the PDF is copied from the cache. It is written only into a book folder the
/// tool made, through a temporary file in the same folder renamed into place, so a
/// `book.pdf` is whole or absent.
public enum BookPDF {
    public static let fileName = "book.pdf"

    /// What to print with.
    public struct Options: Sendable {
        /// Print even when the cache has the PDF of this book.
        public var force = false
        /// For the whole printing, Chromium's start to its end.
        public var timeout: TimeInterval = 600
        /// How a chapter is named in messages, from its slug.
        public var chapterName: @Sendable (String) -> String = { $0 }
        /// Called when the PDF is about to be printed (not when it comes from the cache).
        public var willPrint: @Sendable () -> Void = {}

        public init() {}
    }

    /// What was made.
    public struct Outcome: Sendable, Codable {
        public var path: String
        public var pages: Int
        /// Printed now, or copied from the cache.
        public var printed: Bool
        /// How many times Chromium printed it (0 from the cache).
        public var printings: Int
        public var seconds: Double
    }

    /// Bump when the way the PDF is made changes, so cached ones are printed again.
    static let version = "book-pdf 1"

    /// Writes `book.pdf` into `folder`, a book (being) written with its `print.html`:
    /// from the cache in `cache` when the print page and what it loads are unchanged,
    /// else printed (and cached). Blocking.
    static func make(in folder: URL, cache: URL, options: Options) throws -> Outcome {
        let began = Date()
        let page = folder.appendingPathComponent(SiteWriter.printFileName)
        guard FileManager.default.fileExists(atPath: page.path) else {
            throw BookError.printing(
                "\(folder.path) has no \(SiteWriter.printFileName) (the print page): it was built by an older `tutorial`; run `tutorial build --pdf`")
        }
        let key = Self.key(of: folder)
        let store = PDFStore(directory: cache.appendingPathComponent("pdf"))
        if !options.force, let (pdf, pages) = store.pdf(for: key) {
            try write(pdf, into: folder)
            return Outcome(
                path: folder.appendingPathComponent(fileName).path, pages: pages, printed: false,
                printings: 0, seconds: Date().timeIntervalSince(began))
        }
        let printer = BookPrinter(
            chromium: try Chromium.find(), workDirectory: ResultCache(directory: cache).workDirectory,
            timeout: options.timeout, chapterName: options.chapterName)
        options.willPrint()
        let printed = try printer.print(page)
        try write(printed.pdf, into: folder)
        // A cache that cannot be written costs a printing next time, nothing more.
        try? store.store(printed.pdf, pages: printed.pages, for: key)
        return Outcome(
            path: folder.appendingPathComponent(fileName).path, pages: printed.pages, printed: true,
            printings: printed.printings, seconds: Date().timeIntervalSince(began))
    }

    /// A hash of what the print page shows: the page, and every file of the book but the
    /// other pages, the PDF and the stamp, by path and content.
    static func key(of folder: URL) -> String {
        var hash = ContentHash()
        hash.update(version)
        for path in FileCopier.relativeFiles(under: folder) {
            let isOtherPage = path.hasSuffix(".html") && path != SiteWriter.printFileName
            guard !isOtherPage, path != fileName else { continue }
            hash.update(path)
            hash.update(ContentHash.of(file: folder.appendingPathComponent(path)) ?? "unreadable")
        }
        return hash.finalize()
    }

    /// Puts `pdf` in `folder` as `book.pdf`: a temporary file beside it, renamed.
    static func write(_ pdf: Data, into folder: URL) throws {
        let target = folder.appendingPathComponent(fileName)
        let temporary = folder.appendingPathComponent(".\(fileName).tmp-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try pdf.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw BookError.io("cannot write \(temporary.path): \(BookOutput.describe(error))")
        }
        if rename(temporary.path, target.path) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw BookError.io("cannot move the PDF into \(target.path): \(why)")
        }
    }
}

/// The last PDF printed, in the results cache: `book.pdf`, and `book.key` holding the
/// key it was printed for, its checksum and its page count. A PDF whose checksum does
/// not match is not used.
struct PDFStore {
    var directory: URL

    private var pdfFile: URL { directory.appendingPathComponent("book.pdf") }
    private var keyFile: URL { directory.appendingPathComponent("book.key") }

    func pdf(for key: String) -> (Data, pages: Int)? {
        guard let text = try? String(contentsOf: keyFile, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count == 3, lines[0] == key, let pages = Int(lines[2]),
            let pdf = try? Data(contentsOf: pdfFile), ContentHash.of(pdf) == lines[1]
        else { return nil }
        return (pdf, pages)
    }

    func store(_ pdf: Data, pages: Int, for key: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The key goes last: until it is in place, the old key does not match the new PDF.
        try? FileManager.default.removeItem(at: keyFile)
        try replace(pdfFile, with: pdf)
        try replace(keyFile, with: Data("\(key)\n\(ContentHash.of(pdf))\n\(pages)\n".utf8))
    }

    private func replace(_ file: URL, with data: Data) throws {
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        try data.write(to: temporary)
        if rename(temporary.path, file.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw BookError.io("cannot write \(file.path)")
        }
    }
}
