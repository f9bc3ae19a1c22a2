import Foundation

/// The preview's own files, served under a prefix no book file can have (the site
/// writer writes no hidden names), and the tags that load them into a served page.
/// They are added to pages as they are served: `output/` never contains them.
enum LiveScript {
    static let prefix = "/.tutorial-serve/"
    static let eventsPath = prefix + "events"

    /// `live.js` and `live.css`, from the module's `Client` folder.
    static func file(named name: String) -> Data? {
        guard ["live.js", "live.css"].contains(name),
            let folder = Bundle.module.url(forResource: "Client", withExtension: nil)
        else { return nil }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }

    static let tags =
        "<link rel=\"stylesheet\" href=\"\(prefix)live.css\">"
        + "<script defer src=\"\(prefix)live.js\"></script>"

    /// The page with the tags before its `</head>` (after the book's own scripts, so
    /// `live.js` runs once `book.js` has), or at its start when it has no head.
    static func inject(into html: Data) -> Data {
        let marker = Data("</head>".utf8)
        var out = Data(capacity: html.count + tags.utf8.count)
        if let range = html.range(of: marker) ?? html.range(of: Data("</HEAD>".utf8)) {
            out.append(html[html.startIndex..<range.lowerBound])
            out.append(Data(tags.utf8))
            out.append(html[range.lowerBound...])
        } else {
            out.append(Data(tags.utf8))
            out.append(html)
        }
        return out
    }
}
