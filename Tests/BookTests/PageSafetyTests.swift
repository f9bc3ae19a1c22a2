import Foundation
import Plotting
import Testing

@testable import Book

/// No script reaches a page from content: links and pictures, figures' SVG, chapter
/// file names.
@Suite struct PageSafetyTests {
    static func html(_ markdown: String) -> String {
        let chapter = Chapter.parse(markdown, url: URL(fileURLWithPath: "/t/01-a.md"), path: "01-a.md")
        var renderer = MarkdownHTML(chapter)
        return renderer.render().html
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&colon;alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](java&Tab;script:alert(1))",
        "[x](java&NewLine;script:alert(1))",
        "[x](<\u{1}javascript:alert(1)>)",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:text/html,<script>alert(1)</script>)",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](javascript:alert(1).md)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    ])
    func scriptURLsAreNeutralized(markdown: String) {
        let html = Self.html(markdown)
        // Every link and picture is there, with an empty URL (its text may show the URL).
        let urls = html.components(separatedBy: " href=\"").dropFirst() + html.components(separatedBy: " src=\"").dropFirst()
        #expect(!urls.isEmpty, "\(html)")
        for url in urls { #expect(url.hasPrefix("\""), "\(html)") }
    }

    @Test func ordinaryURLsAreKept() {
        let html = Self.html(
            """
            [a](https://example.org/x?y=1&z=2) [b](03-optimizers.md#adam) [c](#here) [d](mailto:a@b.c)
            [e](images/x.svg) ![f](data:image/png;base64,iVBORw0KGgo=) [g](data-science.md) [h](javascript.md)
            """)
        for href in [
            "href=\"https://example.org/x?y=1&amp;z=2\"", "href=\"03-optimizers.html#adam\"", "href=\"#here\"",
            "href=\"mailto:a@b.c\"", "href=\"images/x.svg\"", "src=\"data:image/png;base64,iVBORw0KGgo=\"",
            "href=\"data-science.html\"", "href=\"javascript.html\"",
        ] {
            #expect(html.contains(href), "\(href) in \(html)")
        }
    }
}

/// Figures are inlined only as SVG that can run no script and load nothing.
@Suite struct SVGSanitizerTests {
    static func clean(_ svg: String) -> String { SVGSanitizer.sanitize(svg) ?? "(not svg)" }

    /// What must never come out, in any case.
    static func expectInert(_ output: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let lower = output.lowercased()
        for word in [
            "<script", "javascript:", "vbscript:", "foreignobject", "<iframe", "<img", "<a ", "<a>", "<animate",
            "<set", "<use href=\"http", "http://evil", "https://evil", "@import", "expression(", "<html",
            "<body", "<p>", "<math", "<embed", "<object", "<!--", "<![cdata[", "<!doctype", "<?",
        ] {
            #expect(!lower.contains(word), "\(word) in \(output)", sourceLocation: sourceLocation)
        }
        // No event handler attribute: ` on…=` anywhere inside a tag.
        var inTag = false
        var previous: Character = " "
        let characters = Array(lower)
        for (i, c) in characters.enumerated() {
            if c == "<" { inTag = true } else if c == ">" { inTag = false }
            if inTag, previous.isWhitespace || previous == "/" || previous == "\"", c == "o", i + 1 < characters.count, characters[i + 1] == "n" {
                let rest = String(characters[i...].prefix(40))
                let name = rest.prefix { $0.isLetter }
                #expect(!(rest.dropFirst(name.count).hasPrefix("=")), "event handler in \(output)", sourceLocation: sourceLocation)
            }
            previous = c
        }
    }

    @Test(arguments: [
        #"<svg onload="alert(1)"><rect/></svg>"#,
        #"<svg><script>alert(1)</script></svg>"#,
        #"<svg><SCRIPT xlink:href="data:,alert(1)"/></svg>"#,
        #"<svg><g ONCLICK='alert(1)' onmouseover=alert(1)><rect/></g></svg>"#,
        #"<svg><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
        #"<svg><a xlink:href="&#106;avascript:alert(1)"><text>x</text></a></svg>"#,
        #"<svg><foreignObject><body onload="alert(1)"><img src=x onerror=alert(1)></body></foreignObject></svg>"#,
        #"<svg><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onload" to="alert(1)"/></svg>"#,
        #"<svg><use href="https://evil.example/x.svg#a"/><image href="http://evil.example/x.png"/></svg>"#,
        #"<svg><image href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/></svg>"#,
        #"<svg><rect fill="url(https://evil.example/#g)" style="background:url(http://evil.example/x)"/></svg>"#,
        #"<svg><rect style="fill:u\72l(http://evil.example/x)"/><rect filter="url(&#104;ttp://evil.example)"/></svg>"#,
        #"<svg><style>@import url(http://evil.example/x.css); rect{fill:red}</style></svg>"#,
        #"<svg><style>@imp&#111;rt 'http://evil.example/x.css';</style></svg>"#,
        #"<svg><style>rect{background:image-set("http://evil.example/x.png" 1x)}</style></svg>"#,
        #"<svg><style><![CDATA[</style><script>alert(1)</script>]]></style></svg>"#,
        #"<svg><title><img src=x onerror=alert(1)></title><desc><script>alert(1)</script></desc></svg>"#,
        #"<svg><style><style>@import 'http://evil.example/x.css';</style></style></svg>"#,
        #"<svg><![CDATA[<script>alert(1)</script>]]><!-- <script>alert(1)</script> --></svg>"#,
        #"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]><svg>&x;</svg>"#,
        #"<svg><p>break out<img src=x onerror=alert(1)></p></svg>"#,
        #"<svg><g "onclick"="alert(1)" on\u{0}click="alert(1)"/></svg>"#,
        #"<svg><math><mi xlink:href="javascript:alert(1)">x</mi></math></svg>"#,
        #"<svg><iframe src="javascript:alert(1)"></iframe><embed src="x"/><object data="x"></object></svg>"#,
        #"<svg/onload=alert(1)>"#,
        #"<svg><rect/></g></g></svg><script>alert(1)</script>"#,
        #"<svg><feImage href="http://evil.example/x"/><filter><feImage xlink:href="https://evil.example/y"/></filter></svg>"#,
        "<svg><g><g><g><script>alert(1)</g></g></g></svg>",
    ])
    func attacksComeOutInert(svg: String) {
        let output = Self.clean(svg)
        #expect(output.hasPrefix("<svg"), "\(output)")
        Self.expectInert(output)
    }

    @Test func notAnSVGDocumentIsShownAsText() {
        #expect(SVGSanitizer.sanitize("<html><script>alert(1)</script></html>") == nil)
        #expect(SVGSanitizer.sanitize("just text") == nil)
        let chapter = Chapter.parse("```swift run\nfigure(\"x\")\n```\n", url: URL(fileURLWithPath: "/t/01-a.md"), path: "01-a.md")
        let result = ChapterResult(blocks: [
            BlockResult(status: .ran, items: [.figure(.init(svg: "<img src=x onerror=alert(1)>", caption: nil, id: nil), location: nil)])
        ])
        let page = ChapterPageRenderer.render(chapter, result: result)
        #expect(page.bodyHTML.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func safeContentIsKept() {
        let svg =
            ##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><clipPath id="c"><rect width="5" height="5"/></clipPath><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><g clip-path="url(#c)" fill="url(#g)"><path d="M0 0L5 5" class="s1"/><use xlink:href="#c"/><text x="1" y="2">a &lt; b &amp; c</text></g><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>"##
        #expect(SVGSanitizer.sanitize(svg) == svg)
    }

    /// Every kind of figure the plotting module draws passes through unchanged: text
    /// with entities, clip paths, a style sheet with dark-mode rules, colour scales,
    /// pictures as PNG data, subplots.
    @Test func figuresFromPlottingAreUnchanged() throws {
        var line = LineChart(title: "Loss <&> \"quoted\" 'single'", xLabel: "step", yLabel: "loss", yScale: .log)
        line.add(series: "SGD", x: (1...50).map(Double.init), y: (1...50).map { 1 / Double($0) })
        line.add(series: "Adam", x: (1...50).map(Double.init), y: (1...50).map { 0.5 / Double($0) }, dashed: true)
        var histogram = Histogram(title: "Weights", xLabel: "w", bins: 20)
        histogram.add(series: "layer 1", values: (0..<500).map { sin(Double($0)) })
        histogram.add(series: "layer 2", values: (0..<500).map { cos(Double($0)) })
        let confusion = HeatMap.confusionMatrix(
            (0..<3).map { i in (0..<3).map { j in i == j ? 50 : j } },
            classNames: ["a", "b", "c"], id: "confusion")
        let weights = HeatMap(
            title: "Weights", values: (0..<30).map { i in (0..<60).map { j in sin(Double(i * j)) } },
            xLabel: "input", yLabel: "unit", colorMap: .blueWhiteRed, squareCells: false,
            colorBarLabel: "weight", width: 640, height: 360, id: "weights")
        var contour = ContourPlot(title: "Rosenbrock", xLabel: "w₁", yLabel: "w₂", x: -2...2, y: -1...3, id: "rosen") { x, y in
            (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        }
        contour.levels = .geometric(9)
        contour.levelStyle = .coloredAndLabelled
        contour.add(path: "SGD", x: [-1.5, -1, 0, 0.5], y: [2, 1, 0.5, 0.3])
        var images = ImageGrid(title: "Samples", columns: 2, id: "images")
        for k in 0..<4 { images.add(image: (0..<784).map { Float(($0 * (k + 1)) % 255) / 255 }, caption: "image \(k)") }
        var grid = SubplotGrid(title: "Paths", rows: 1, columns: 2, sharedLegend: false, panelWidth: 300, panelHeight: 220, id: "grid")
        for scale in [1.0, 3.0] {
            grid.add(ContourPlot(title: "scale \(scale)", x: -3...3, y: -3...3, id: nil) { x, y in x * x + scale * y * y })
        }
        var bars = BarChart(title: "Accuracy", categories: ["sigmoid", "ReLU"], yLabel: "accuracy")
        bars.add(series: "test", values: [0.6, 0.87])
        var scatter = ScatterPlot(title: "Blobs", xLabel: "x₁", yLabel: "x₂", id: "blobs")
        scatter.add(x: [0, 1, 2, 3], y: [1, 0, 1, 0], labels: [0, 1, 0, 1], classNames: ["one", "two"])
        let figures: [any Figure] = [line, histogram, confusion, weights, contour, images, grid, bars, scatter]
        for figure in figures {
            let svg = try figure.svg(id: nil)
            let expected = svg.hasSuffix("\n") ? String(svg.dropLast()) : svg
            #expect(SVGSanitizer.sanitize(svg) == expected, "\(type(of: figure)) changed")
        }
    }
}

/// Chapter file names may hold any character but `/`: each becomes a page whose links
/// are safe and work.
@Suite struct ChapterFileNameTests {
    @Test func oddFileNamesBecomeSafeWorkingLinks() async throws {
        let root = try TestBook.make([
            "javascript:alert(1).md": "# Scheme\n\nSee [quotes](<05 \"q\" \\<b\\>&x.md>).\n",
            "05 \"q\" <b>&x.md": "# Quotes\n\nBack to [the scheme](javascript:alert(1).md).\n",
        ])
        let book = try await TestBook.build(root: root)
        #expect(book.report.brokenLinks.isEmpty, "\(book.report.brokenLinks)")
        let index = try String(contentsOf: book.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"javascript%3Aalert(1).html\""))
        #expect(index.contains("href=\"05%20%22q%22%20%3Cb%3E&amp;x.html\""))
        #expect(!index.contains("href=\"javascript:"))
        let search = try String(contentsOf: book.output.appendingPathComponent("assets/search-index.js"), encoding: .utf8)
        #expect(search.contains("\"url\":\"javascript%3Aalert(1).html\""))
        // A link in prose to that chapter is a script URL as written: made inert.
        let quotes = try String(contentsOf: book.output.appendingPathComponent("05 \"q\" <b>&x.html"), encoding: .utf8)
        #expect(!quotes.contains("href=\"javascript:"))
    }
}

/// Writes pages with SVG attacks that run script on their own (no click needed), raw and
/// sanitized, to `$SVG_ATTACK_DIR` when it is set, for the browser check
/// (`scripts/check-svg-sanitizer-in-chromium.sh`): every raw page must run its script,
/// or the check proves nothing, and no sanitized page may.
///
///     SVG_ATTACK_DIR=/tmp/svg-attacks swift test --filter SVGAttackPages
@Suite("SVGAttackPages")
struct SVGAttackPages {
    static let mark = "document.documentElement.setAttribute('data-script-ran','1')"
    static let attacks = [
        #"<svg onload="MARK"><rect/></svg>"#,
        #"<svg/onload="MARK">"#,
        #"<svg><script>MARK</script></svg>"#,
        #"<svg><SCRIPT>MARK</SCRIPT></svg>"#,
        #"<svg><g><script xlink:href="data:text/javascript,MARK"/></g></svg>"#,
        #"<svg><foreignObject><img src=x onerror="MARK"></foreignObject></svg>"#,
        #"<svg><set attributeName="onload" to="MARK"/></svg>"#,
        #"<svg><animate onbegin="MARK" attributeName="x" dur="1s"/></svg>"#,
        #"<svg><title><img src=x onerror="MARK"></title></svg>"#,
        #"<svg><desc><img src=x onerror="MARK"></desc></svg>"#,
        #"<svg><style><![CDATA[</style><img src=x onerror="MARK">]]></style></svg>"#,
        #"<svg><p><img src=x onerror="MARK"></p></svg>"#,
        #"<svg><image href="x" onerror="MARK"/></svg>"#,
        #"<svg><rect/></svg><img src=x onerror="MARK">"#,
    ]

    @Test func writeAttackPages() throws {
        guard let path = ProcessInfo.processInfo.environment["SVG_ATTACK_DIR"], !path.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (i, attack) in Self.attacks.enumerated() {
            let raw = attack.replacingOccurrences(of: "MARK", with: Self.mark)
            for (kind, body) in [("raw", raw), ("clean", SVGSanitizer.sanitize(raw) ?? "")] {
                try "<!doctype html><meta charset=\"utf-8\"><body>\(body)</body>\n"
                    .write(toFile: "\(path)/\(kind)-\(i).html", atomically: true, encoding: .utf8)
            }
        }
    }
}
