import Foundation

/// The marks by which the tool knows its own folders, so that it replaces or removes only
/// what it made.
///
/// - A book folder carries `.tutorial-book`, a short text file whose first line is
///   `tutorial-book`.
/// - A results cache carries `CACHEDIR.TAG`, the Cache Directory Tagging convention
///   (https://bford.info/cachedir/) that backup tools already honour, with a comment
///   naming this tool.
enum FolderStamp: Sendable {
    case book
    case cache
    /// The figures `tutorial run` writes as SVG files.
    case figures

    var fileName: String {
        switch self {
        case .book: return ".tutorial-book"
        case .cache: return "CACHEDIR.TAG"
        case .figures: return ".tutorial-figures"
        }
    }

    var contents: String {
        switch self {
        case .book:
            return """
                tutorial-book
                This folder is a book written by `tutorial build`. Every build replaces the whole
                folder and `tutorial clean` removes it: do not keep files of your own here.

                """
        case .cache:
            return """
                Signature: 8a477f597d28d172789f06886806bc55
                # This file is a cache directory tag created by tutorial: the results cache of a book.
                # `tutorial clean` removes this folder. See https://bford.info/cachedir/

                """
        case .figures:
            return """
                tutorial-figures
                `tutorial run` writes a chapter's figures here (figure-N.svg) and replaces them
                on the next run: do not keep files of your own named so.

                """
        }
    }

    /// What the folder is called in messages.
    var what: String {
        switch self {
        case .book: return "book"
        case .cache: return "results cache"
        case .figures: return "figures"
        }
    }

    /// Whether `folder` carries this stamp: a regular file (not a link) of the right name
    /// whose text begins as the tool writes it.
    func isPresent(in folder: URL) -> Bool {
        let url = folder.appendingPathComponent(fileName)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let handle = try? FileHandle(forReadingFrom: url)
        else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
        switch self {
        case .book: return text.hasPrefix("tutorial-book\n")
        case .cache: return text.hasPrefix("Signature: 8a477f597d28d172789f06886806bc55") && text.contains("created by tutorial")
        case .figures: return text.hasPrefix("tutorial-figures\n")
        }
    }

    func write(in folder: URL) throws {
        try Data(contents.utf8).write(to: folder.appendingPathComponent(fileName))
    }
}
