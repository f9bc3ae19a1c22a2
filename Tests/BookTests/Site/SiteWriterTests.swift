import Foundation
import Testing

@testable import Book

/// A fresh folder under the system's temporary directory, removed by the caller.
func temporaryDirectory(_ name: String = "site") -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("book-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// Every `href="…"` and `src="…"` of an HTML page, entities decoded.
func links(in html: String) -> [String] {
    var result: [String] = []
    for attribute in ["href=\"", "src=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
            guard let end = rest[start.upperBound...].firstIndex(of: "\"") else { break }
            result.append(String(rest[start.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[end...]
        }
    }
    return result
}

@Suite("SiteWriter")
final class SiteWriterTests {
    let site: BookSite
    let output: URL

    init() throws {
        site = try SampleBook.site()
        output = temporaryDirectory()
        try SiteWriter().write(site, to: output)
    }

    deinit { try? FileManager.default.removeItem(at: output) }

    func page(_ name: String) throws -> String { try read(output.appendingPathComponent(name)) }

    @Test func writesPagesAndAssets() throws {
        let expected = [
            "index.html", "search.html", "01-learning-from-data.html", "02-optimizers.html",
            "03-escaping.html", "assets/book.css", "assets/book.js", "assets/search.js",
            "assets/search-index.js", "assets/katex/katex.min.js", "assets/katex/katex.min.css",
            "assets/katex/fonts/KaTeX_Main-Regular.woff2", "assets/katex/fonts/KaTeX_Math-Italic.woff2",
            "assets/highlight/highlight.min.js", "assets/lunr/lunr.min.js",
        ]
        for path in expected {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "\(path)")
        }
        // Fonts are real files, not links back into /usr/share.
        let font = output.appendingPathComponent("assets/katex/fonts/KaTeX_Main-Regular.woff2")
        let attributes = try FileManager.default.attributesOfItem(atPath: font.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        // The theme's README is documentation, not an asset of the book.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/README.md").path))
    }

    @Test func everyInternalLinkResolves() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count == 6)  // with print.html
        for name in pages {
            let html = try page(name)
            for link in links(in: html) where !link.hasPrefix("http") && !link.hasPrefix("mailto:") && !link.hasPrefix("data:") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].isEmpty ? name : String(parts[0]).removingPercentEncoding!
                let target = output.appendingPathComponent(file)
                #expect(FileManager.default.fileExists(atPath: target.path), "\(name): \(link)")
                if parts.count == 2, !parts[1].isEmpty, file.hasSuffix(".html") {
                    let id = String(parts[1]).removingPercentEncoding!
                    let targetHTML = try read(target)
                    #expect(targetHTML.contains("id=\"\(HTML.escape(id))\""), "\(name): \(link)")
                }
            }
        }
        // KaTeX's stylesheet names its fonts relative to itself.
        let css = try page("assets/katex/katex.min.css")
        var rest = css[...]
        var fonts = 0
        while let start = rest.range(of: "url(") {
            let end = rest[start.upperBound...].firstIndex(of: ")")!
            let path = String(rest[start.upperBound..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/katex/" + path).path), "\(path)")
            fonts += 1
            rest = rest[end...]
        }
        #expect(fonts > 10)
    }

    @Test func escapesTitlesEverywhere() throws {
        // (cmark's smart punctuation makes the title's quotes curly.)
        let escaped = "Escaping &lt;script&gt;alert(“x”)&lt;/script&gt; &amp; 한국어"
        let chapter = try page("03-escaping.html")
        #expect(chapter.contains("<title>\(escaped) · Training Neural Networks, Executably</title>"))
        for name in ["index.html", "01-learning-from-data.html", "03-escaping.html", "search.html"] {
            let html = try page(name)
            #expect(!html.contains("<script>alert"), "\(name)")
            #expect(!html.contains("<b>markup"), "\(name)")
            #expect(!html.contains("<i>not italic"), "\(name)")
            #expect(html.contains(escaped), "\(name)")
        }
        let index = try page("index.html")
        #expect(index.contains("Titles with &lt;b&gt;markup&lt;/b&gt; &amp; Korean text (한국어) are shown as text."))
        // The search index is a script: nothing in it can close a <script> element.
        let search = try page("assets/search-index.js")
        #expect(!search.contains("</script>"))
        #expect(search.contains("\\u003c/script\\u003e"))
    }

    @Test func chapterPagesHaveNavigation() throws {
        let first = try page("01-learning-from-data.html")
        #expect(first.contains("<li class=\"toc-chapter current\"><a href=\"01-learning-from-data.html\" aria-current=\"page\">"))
        #expect(first.contains("href=\"01-learning-from-data.html#what-the-numbers-say\""))
        #expect(first.contains("<ol class=\"toc-subsections\">"))
        #expect(first.contains("rel=\"prev\" href=\"index.html\""))
        #expect(first.contains("rel=\"next\" href=\"02-optimizers.html\""))
        #expect(first.contains("<p class=\"chapter-label\">Chapter 1</p>"))
        // The body already has its <h1>: the page does not add a second.
        #expect(first.components(separatedBy: "<h1").count == 2)

        let last = try page("03-escaping.html")
        #expect(last.contains("rel=\"prev\" href=\"02-optimizers.html\""))
        #expect(!last.contains("rel=\"next\""))
        // A Korean section id is linked as it is.
        #expect(last.contains("href=\"03-escaping.html#한국어-절\""))

        let index = try page("index.html")
        #expect(index.contains("rel=\"next\" href=\"01-learning-from-data.html\""))
        #expect(index.contains("Gradient descent on a first network, and how to read a loss curve."))
        #expect(index.contains("<span class=\"chapter-card-number\">Chapter 2</span>"))
        #expect(index.contains("<h1>Training Neural Networks, Executably</h1>"))
    }

    @Test func failuresAreAnnounced() throws {
        let failing = try page("02-optimizers.html")
        #expect(failing.contains("class=\"failure-banner\" role=\"alert\""))
        #expect(failing.contains("<a href=\"#block-1\">Failed expectation in block 1</a>"))
        #expect(failing.contains("<a href=\"#block-2\">Error in block 2</a>"))
        #expect(failing.contains("incorrect argument label"))
        #expect(failing.contains("<span class=\"failure-summary\">momentum ends closer to the minimum (1.204 &lt; 0.8312)"))
        #expect(failing.contains("<body class=\"chapter-page has-failures\""))
        // The failed expectation and the compile error; the block that did not run is
        // shown as such but is not a failure of its own.
        #expect(failing.contains("2 problems, each linked to its block:"))
        #expect(failing.contains("<div class=\"not-run\">did not run: the chapter did not compile</div>"))
        #expect(!failing.contains("in block 3</a>"))
        let passing = try page("01-learning-from-data.html")
        #expect(!passing.contains("failure-banner\""))
        // Every page's sidebar marks the failing chapter.
        #expect(passing.contains("<li class=\"toc-chapter has-failures\"><a href=\"02-optimizers.html\">"))
        #expect(try page("index.html").contains("chapter-card has-failures"))
    }

    @Test func searchIndexHasOneDocumentPerSection() throws {
        let index = SearchIndex(site: site)
        let urls = index.documents.map(\.url)
        #expect(urls.contains("01-learning-from-data.html"))
        #expect(urls.contains("01-learning-from-data.html#what-the-numbers-say"))
        #expect(urls.contains("03-escaping.html#한국어-절"))
        let korean = try #require(index.documents.first { $0.url == "03-escaping.html#한국어-절" })
        #expect(korean.section == "한국어 절")
        #expect(korean.text.contains("배치 정규화는"))
        let intro = try #require(index.documents.first { $0.url == "01-learning-from-data.html" })
        #expect(intro.section == nil)
        #expect(intro.text.hasPrefix("Gradient descent on a first network"))
        // Inline math reads as words, display math is left out.
        #expect(intro.text.contains("With learning rate eta, one step of gradient descent is and the loss"))
        // Figures' SVG text is not prose.
        #expect(!index.documents.contains { $0.text.contains("iteration loss") })
        let js = try page("assets/search-index.js")
        #expect(js.hasPrefix("// The search documents"))
        #expect(js.contains("window.BOOK_SEARCH_DOCS = ["))
    }

    @Test func outputIsDeterministic() throws {
        let again = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: again) }
        try SiteWriter().write(try SampleBook.site(), to: again)
        let files = FileCopier.relativeFiles(under: output)
        #expect(files == FileCopier.relativeFiles(under: again))
        for file in files {
            let a = FileManager.default.contents(atPath: output.appendingPathComponent(file).path)
            let b = FileManager.default.contents(atPath: again.appendingPathComponent(file).path)
            #expect(a == b, "\(file)")
        }
    }
}

@Suite("SiteWriter themes and errors")
struct SiteThemeTests {
    @Test func userThemeOverridesFileByFile() throws {
        let theme = temporaryDirectory("theme")
        let output = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: theme)
            try? FileManager.default.removeItem(at: output)
        }
        try FileCopier.write("/* my css */\n", to: theme.appendingPathComponent("assets/book.css"))
        try FileCopier.write(".mine { color: red }\n", to: theme.appendingPathComponent("assets/custom.css"))
        try FileCopier.write(
            """
            <!DOCTYPE html><html><head>{{> head.html}}</head>
            <body class="my-page">{{> header.html}}<h1>{{pageTitle}}</h1>{{{body}}}{{> pager.html}}</body></html>
            """, to: theme.appendingPathComponent("page.html"))
        try SiteWriter(themeDirectory: theme).write(try SampleBook.site(), to: output)

        #expect(try read(output.appendingPathComponent("assets/book.css")) == "/* my css */\n")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/custom.css").path))
        // Untouched files still come from the built-in theme.
        #expect(try read(output.appendingPathComponent("assets/book.js")).contains("katex.render"))
        let chapter = try read(output.appendingPathComponent("01-learning-from-data.html"))
        #expect(chapter.contains("<body class=\"my-page\">"))
        #expect(chapter.contains("<a class=\"book-title\" href=\"index.html\">"))  // built-in header.html
        #expect(!chapter.contains("class=\"sidebar\""))
        let index = try read(output.appendingPathComponent("index.html"))
        #expect(index.contains("class=\"sidebar\""))
    }

    @Test func missingThemeFolderIsAnError() throws {
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let missing = URL(fileURLWithPath: "/nonexistent/theme")
        #expect(throws: BookError.themeDirectoryNotFound(path: "/nonexistent/theme")) {
            try SiteWriter(themeDirectory: missing).write(try SampleBook.site(), to: output)
        }
    }

    @Test func malformedTemplateNamesItsFileAndLine() throws {
        let theme = temporaryDirectory("theme")
        let output = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: theme)
            try? FileManager.default.removeItem(at: output)
        }
        try FileCopier.write("<p>\n{{#failureClass}}</p>", to: theme.appendingPathComponent("page.html"))
        #expect {
            try SiteWriter(themeDirectory: theme).write(try SampleBook.site(), to: output)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("page.html:2:")
        }
    }

    /// Theme authors get the whole of Mustache: inheritance from the built-in layout,
    /// sections and inverted sections over the values the writer provides.
    @Test func templatesAreMustache() throws {
        let theme = temporaryDirectory("theme")
        let output = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: theme)
            try? FileManager.default.removeItem(at: output)
        }
        try FileCopier.write(
            """
            {{< layout.html}}{{$content}}<p class="mine">{{pageTitle}}</p>\
            {{^hasFailures}}<p class="ok">every claim held</p>{{/hasFailures}}\
            {{#hasFailures}}<p class="bad">{{failureClass}}</p>{{/hasFailures}}{{/content}}{{/layout.html}}
            """, to: theme.appendingPathComponent("page.html"))
        try SiteWriter(themeDirectory: theme, scripts: ["/_preview/live.js"]).write(try SampleBook.site(), to: output)
        let passing = try read(output.appendingPathComponent("01-learning-from-data.html"))
        #expect(passing.contains("<p class=\"mine\">Learning from data</p><p class=\"ok\">every claim held</p>"))
        #expect(passing.contains("class=\"sidebar\""))  // from the built-in layout
        let failing = try read(output.appendingPathComponent("02-optimizers.html"))
        #expect(failing.contains("<p class=\"bad\">has-failures</p>"))
        #expect(!failing.contains("class=\"ok\""))
        // Scripts a preview server adds reach every page, and only when asked for.
        for page in ["index.html", "search.html", "01-learning-from-data.html"] {
            #expect(try read(output.appendingPathComponent(page)).contains("<script defer src=\"/_preview/live.js\"></script>"))
        }
        #expect(try !self.builtPage("index.html").contains("_preview"))
    }

    func builtPage(_ name: String) throws -> String {
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try SiteWriter().write(try SampleBook.site(), to: output)
        return try read(output.appendingPathComponent(name))
    }

    @Test func missingPackageNamesIt() throws {
        let emptyRoot = temporaryDirectory("js")
        let output = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: emptyRoot)
            try? FileManager.default.removeItem(at: output)
        }
        #expect {
            try SiteWriter(javascriptDirectory: emptyRoot).write(try SampleBook.site(), to: output)
        } throws: { error in
            guard case BookError.missingPackage(let package, _) = error else { return false }
            return package == "libjs-katex" && String(describing: error).contains("apt-get install libjs-katex")
        }
    }

    @Test func slugsMustBeUsableFileNames() throws {
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        for slug in ["index", "search", "", "a/b", "..x"] {
            var site = try SampleBook.site()
            site.chapters[0].slug = slug
            #expect(throws: BookError.self, "\(slug)") { try SiteWriter().write(site, to: output) }
        }
        var duplicate = try SampleBook.site()
        duplicate.chapters[1].slug = duplicate.chapters[0].slug
        #expect(throws: BookError.self) { try SiteWriter().write(duplicate, to: output) }
    }
}

/// Writes the sample book to `$SITE_SAMPLE_DIR` when it is set, for the browser check
/// (`scripts/check-book-in-browser.sh`) to have a book without running the pipeline:
///
///     SITE_SAMPLE_DIR=/tmp/sample-book swift test --filter SiteSample
@Suite("SiteSample")
struct SiteSample {
    @Test func writeSampleBook() throws {
        guard let path = ProcessInfo.processInfo.environment["SITE_SAMPLE_DIR"], !path.isEmpty else { return }
        let directory = URL(fileURLWithPath: path)
        try SiteWriter().write(try SampleBook.site(), to: directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.html").path))
    }
}
