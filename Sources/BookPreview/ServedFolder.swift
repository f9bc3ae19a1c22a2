import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The built book as the server may read it: a request's path names a regular file
/// inside the output folder, or nothing. Refused: `.` and `..` segments (raw or
/// percent-encoded), encoded slashes and NUL bytes, hidden names, and any path whose
/// real location (symbolic links resolved) lies outside the folder.
public struct ServedFolder: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public enum Resolution: Equatable, Sendable {
        case file(URL)
        /// The path tries to leave the folder or is not a plain path: 403.
        case refused
        /// Nothing there: 404.
        case missing
    }

    /// Resolves a request target's path, still percent-encoded (`/05-optimizers.html`,
    /// `/assets/katex/fonts/KaTeX_Main-Regular.woff2`). A folder means its `index.html`.
    public func resolve(percentEncodedPath raw: String) -> Resolution {
        guard raw.hasPrefix("/") else { return .refused }
        var segments: [String] = []
        for piece in raw.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = String(piece).removingPercentEncoding else { return .refused }
            if segment == "." || segment == ".." || segment.contains("/") || segment.contains("\\")
                || segment.contains("\0")
            {
                return .refused
            }
            // The site writer writes no hidden files; whatever is hidden is not the book's.
            if segment.hasPrefix(".") { return .missing }
            segments.append(segment)
        }
        var candidate = root
        for segment in segments { candidate.appendPathComponent(segment) }
        if raw.hasSuffix("/") || segments.isEmpty || isDirectory(candidate) {
            candidate.appendPathComponent("index.html")
        }
        guard let real = Self.realPath(candidate.path) else { return .missing }
        guard let realRoot = Self.realPath(root.path),
            real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
        else { return .refused }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .missing }
        return .file(URL(fileURLWithPath: real))
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Content types of the files a book holds.
public enum ContentType {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "txt": "text/plain; charset=utf-8", "md": "text/plain; charset=utf-8",
    ]

    /// The type for a file name; unknown kinds are bytes, never guessed as HTML.
    public static func of(_ url: URL) -> String {
        byExtension[url.pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
