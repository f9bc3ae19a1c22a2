import Foundation
import Testing

@testable import Plotting

/// Writes every gallery figure and an index page to `$PLOTTING_GALLERY_DIR` when it is
/// set (see scripts/gallery.sh); otherwise just checks that every figure draws.
@Suite struct GalleryTests {
    @Test func writeGallery() throws {
        let figures = Gallery.figures()
        var svgs: [(String, String)] = []
        for (name, figure) in figures {
            svgs.append((name, try figure.svg()))
        }
        guard let dir = ProcessInfo.processInfo.environment["PLOTTING_GALLERY_DIR"], !dir.isEmpty else { return }
        let url = URL(fileURLWithPath: dir, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8">
            <meta name="color-scheme" content="light dark">
            <title>Plotting gallery</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}
            @media (prefers-color-scheme:dark){body{background:#181818;color:#e3e3e3}}
            figure{margin:2em 0}svg{max-width:100%;height:auto}figcaption{font-size:.9em;opacity:.7}
            </style></head><body><h1>Plotting gallery</h1>
            <p>Every figure kind, inlined (as the book does) — each links to its standalone SVG.</p>

            """
        for (name, svg) in svgs {
            try svg.write(to: url.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            html +=
                "<figure id=\"\(name)\">\(svg)<figcaption><a href=\"\(name).svg\">\(name).svg</a> "
                + "(\(svg.utf8.count) bytes)</figcaption></figure>\n"
        }
        html += "</body></html>\n"
        try html.write(to: url.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    }
}
