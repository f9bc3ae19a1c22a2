import Foundation

/// The JavaScript libraries the book uses offline, taken from Debian's packages and
/// copied into the output's `assets/`, so the pages fetch nothing from the network.
struct VendorLibrary {
    /// The Debian package that installs it, named in the error when it is missing.
    let package: String
    /// Folder under the JavaScript root (`/usr/share/javascript`).
    let folder: String
    /// Files or folders inside `folder` to copy; a folder is copied with everything in it.
    let items: [String]
    /// Folder under the output's `assets/`.
    let assetsFolder: String

    static let all: [VendorLibrary] = [
        // KaTeX's CSS names its fonts as `fonts/KaTeX_*.woff2` next to itself.
        VendorLibrary(
            package: "libjs-katex", folder: "katex",
            items: ["katex.min.js", "katex.min.css", "fonts"], assetsFolder: "katex"),
        // highlight.js 9.18 from Debian includes the Swift grammar.
        VendorLibrary(
            package: "libjs-highlight.js", folder: "highlight.js",
            items: ["highlight.min.js"], assetsFolder: "highlight"),
        VendorLibrary(
            package: "libjs-lunr", folder: "lunr",
            items: ["lunr.min.js"], assetsFolder: "lunr"),
    ]

    /// Copies the library into `assets`, or throws `missingPackage` naming the package.
    func copy(from javascriptRoot: URL, into assets: URL) throws {
        let source = javascriptRoot.appendingPathComponent(folder)
        for item in items {
            let from = source.appendingPathComponent(item)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: from.path, isDirectory: &isDirectory) else {
                throw BookError.missingPackage(package: package, expectedPath: from.path)
            }
            let to = assets.appendingPathComponent(assetsFolder).appendingPathComponent(item)
            if isDirectory.boolValue {
                let files = FileCopier.relativeFiles(under: from)
                if files.isEmpty { throw BookError.missingPackage(package: package, expectedPath: from.path) }
                for file in files {
                    try FileCopier.copy(from.appendingPathComponent(file), to: to.appendingPathComponent(file))
                }
            } else {
                try FileCopier.copy(from, to: to)
            }
        }
    }
}
