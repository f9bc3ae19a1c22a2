/// Links and pictures whose URL could run script are made inert, as cmark's safe mode
/// does: a `javascript:`, `vbscript:`, `file:` or `data:` URL (but a `data:image/png`,
/// `gif`, `jpeg` or `webp` picture) becomes empty. The scheme is read as a browser reads
/// it: in any case, after dropping the tabs and line breaks it ignores anywhere and the
/// spaces and control characters it ignores at the ends. Entities are already decoded
/// by cmark (`&#106;avascript:` arrives as `javascript:`), and the URL is escaped when
/// written, so nothing is decoded twice.
enum URLSafety {
    /// `url`, or "" when it could run script or read local files.
    static func safe(_ url: String) -> String {
        isDangerous(url) ? "" : url
    }

    static func isDangerous(_ url: String) -> Bool {
        let normalized = normalized(url).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:"] where normalized.hasPrefix(scheme) { return true }
        return normalized.hasPrefix("data:") && !isPicture(normalized)
    }

    /// A `data:` URL of a raster picture, which cannot hold script.
    static func isPicture(_ url: String) -> Bool {
        let lower = url.lowercased()
        return ["data:image/png;", "data:image/gif;", "data:image/jpeg;", "data:image/webp;"].contains { lower.hasPrefix($0) }
    }

    /// The URL as a browser's parser sees it: tabs and line breaks removed, C0 control
    /// characters and spaces trimmed from both ends.
    static func normalized(_ url: String) -> String {
        var scalars = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
