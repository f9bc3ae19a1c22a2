import Foundation

/// Where `tutorial run` writes a chapter's figures as SVG files, under the book folder's
/// rule: the folder must be absent, empty, or one `tutorial run` wrote (it carries a
/// `.tutorial-figures` stamp); never a file, a link, the chapters folder or anything in
/// it, the current folder or one of its parents. Only `figure-*.svg` files are written,
/// and those a previous run wrote there are replaced; nothing else in it is touched.
public enum FigureFolder {
    /// Checks `folder` and makes it ready, removing the previous run's figures. Throws
    /// `BookError.unsafeFolder` naming the folder and why before anything is written.
    public static func prepare(_ folder: URL, chapters: URL) throws {
        let folders = BookFolders(chapters: chapters, output: folder, cache: folder)
        try folders.check(folder, as: .figures, others: [])
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            if !FolderStamp.figures.isPresent(in: folder) { try FolderStamp.figures.write(in: folder) }
            for name in try fm.contentsOfDirectory(atPath: folder.path) where isFigureFile(name) {
                try fm.removeItem(at: folder.appendingPathComponent(name))
            }
        } catch {
            throw BookError.io("cannot prepare the figures folder \(folder.path): \(BookOutput.describe(error))")
        }
    }

    /// `figure-N.svg`, or `figure-N-ID.svg` with the id reduced to letters, digits, `-`
    /// and `_` (an id comes from chapter code and must not name another folder).
    static func fileName(number: Int, id: String?) -> String {
        let safe =
            id.map {
                String(
                    $0.unicodeScalars.filter {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
                    }.map(Character.init).prefix(64))
            } ?? ""
        return "figure-\(number)\(safe.isEmpty ? "" : "-" + safe).svg"
    }

    static func isFigureFile(_ name: String) -> Bool {
        name.hasPrefix("figure-") && name.hasSuffix(".svg")
    }
}
