import Foundation

/// The theme: page templates and the book's own CSS and JavaScript.
///
/// The built-in theme is `Sources/Book/Theme/` (a resource of this module). A user's
/// theme folder is laid over it file by file: a file at the same relative path replaces
/// the built-in one (`page.html`, `assets/book.css`, …), and any other file under the
/// user's `assets/` is copied too (for a `custom.css` a replaced template links to).
/// The whole folder need not be copied to change one file.
struct Theme {
    let builtIn: URL
    let user: URL?

    init(user: URL?) {
        // `.copy("Theme")` keeps the folder's name inside the resource bundle.
        self.builtIn =
            Bundle.module.url(forResource: "Theme", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Theme")
        self.user = user
    }

    /// The file at `relativePath`, from the user's folder if it has one there.
    func url(_ relativePath: String) throws -> URL {
        var searched: [String] = []
        for root in [user, builtIn].compactMap({ $0 }) {
            let candidate = root.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            searched.append(root.path)
        }
        throw BookError.missingThemeFile(name: relativePath, searched: searched)
    }

    /// The templates of either theme: `.html` files outside `assets/`, as paths relative
    /// to the theme folder.
    func templatePaths() -> [String] {
        var paths = Set<String>()
        for root in [builtIn, user].compactMap({ $0 }) {
            paths.formUnion(FileCopier.relativeFiles(under: root).filter { $0.hasSuffix(".html") && !$0.hasPrefix("assets/") })
        }
        return paths.sorted()
    }

    /// Every file under `assets/` of either theme, as paths relative to `assets/`,
    /// sorted so the output is written in a stable order.
    func assetPaths() -> [String] {
        var paths = Set<String>()
        for root in [builtIn, user].compactMap({ $0 }) {
            paths.formUnion(FileCopier.relativeFiles(under: root.appendingPathComponent("assets")))
        }
        return paths.sorted()
    }
}

/// Copies files, following symbolic links (Debian's KaTeX fonts folder is one).
enum FileCopier {
    /// Regular files below `directory`, relative to it, sorted; hidden files skipped.
    static func relativeFiles(under directory: URL) -> [String] {
        let root = directory.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return [] }
        var result: [String] = []
        func walk(_ dir: URL, prefix: String) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = dir.appendingPathComponent(name)
                var childIsDirectory: ObjCBool = false
                // fileExists follows links, so a linked folder is walked like a folder.
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &childIsDirectory) else { continue }
                if childIsDirectory.boolValue {
                    walk(child.resolvingSymlinksInPath(), prefix: prefix + name + "/")
                } else {
                    result.append(prefix + name)
                }
            }
        }
        walk(root, prefix: "")
        return result
    }

    static func copy(_ source: URL, to destination: URL) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw BookError.writing(path: destination.path, reason: "cannot read \(source.path)")
        }
        try write(data, to: destination)
    }

    static func write(_ data: Data, to destination: URL) throws {
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: destination)
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError.writing(path: destination.path, reason: BookOutput.describe(error))
        }
    }

    static func write(_ text: String, to destination: URL) throws {
        try write(Data(text.utf8), to: destination)
    }
}
