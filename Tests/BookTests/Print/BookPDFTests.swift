import Foundation
import Testing

@testable import Book

/// Runs one of poppler's tools (Debian's `poppler-utils`) and returns its output.
func poppler(_ tool: String, _ arguments: [String]) throws -> String {
    let path = "/usr/bin/" + tool
    guard FileManager.default.isExecutableFile(atPath: path) else {
        Issue.record("\(path) is missing: install poppler-utils (scripts/setup-system.sh)")
        throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// The text of page `page` (or of the whole PDF), as laid out on the page.
func pdfText(_ pdf: URL, page: Int? = nil) throws -> String {
    try poppler("pdftotext", ["-layout"] + (page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []) + [pdf.path, "-"])
}

/// The fixture book `print`, built with its PDF, shared by the tests that only read it.
enum PrintedBook {
    static let shared = Task { try await build(fixture: "print") }

    static func build(fixture: String? = nil, root: URL? = nil) async throws -> TestBook {
        let root = try root ?? TestBook.copy(fixture ?? "print")
        var options = TestBook.options(root: root)
        options.pdf = BookPDF.Options()
        options.pdf?.timeout = 300
        let builder = BookBuilder(options: options, runtime: try TestBook.runtime())
        return TestBook(root: root, report: try await builder.build())
    }
}

extension TestBook {
    var pdf: URL { output.appendingPathComponent("book.pdf") }
}

/// `build --pdf` end to end on a fixture book: headless Chromium prints `print.html`,
/// poppler reads the PDF back.
@Suite struct BookPDFTests {
    /// The page the contents gives for a line starting with `title`.
    static func contentsPage(of title: String, in contents: String) throws -> Int {
        let line = try #require(contents.split(separator: "\n").first { $0.contains(title) }, "\(title) in the contents")
        return try #require(Int(line.split(separator: " ").last ?? ""), "page number on \(line)")
    }

    @Test func thePDFHasTitleContentsIntroductionAndChaptersInOrder() async throws {
        let book = try await PrintedBook.shared.value
        #expect(book.report.pdfError == nil)
        let outcome = try #require(book.report.pdf)
        #expect(outcome.printed && outcome.printings >= 2)
        #expect(outcome.path == book.pdf.path)
        let info = try poppler("pdfinfo", [book.pdf.path])
        #expect(info.contains("Title:           The Print Fixture"))
        #expect(info.contains("Pages:           \(outcome.pages)\n"))
        #expect(info.contains("Tagged:          yes"))

        #expect(try pdfText(book.pdf, page: 1).contains("The Print Fixture"))
        let contents = try pdfText(book.pdf, page: 2)
        #expect(contents.contains("Table of contents"))
        // The contents' numbers are the pages each part starts on, each on a page of its own.
        let introduction = try Self.contentsPage(of: "Introduction", in: contents)
        let first = try Self.contentsPage(of: "1   First Steps", in: contents)
        let second = try Self.contentsPage(of: "2   Second Thoughts", in: contents)
        let later = try Self.contentsPage(of: "    Later section", in: contents)
        #expect(introduction == 3 && first > introduction && second > first && later == second)
        #expect(try pdfText(book.pdf, page: introduction).contains("A small book for the PDF tests"))
        let firstPage = try pdfText(book.pdf, page: first)
        #expect(firstPage.contains("CHAPTER 1") && firstPage.contains("First Steps"))
        #expect(!firstPage.contains("A small book for the PDF tests"))
        let secondPage = try pdfText(book.pdf, page: second)
        #expect(secondPage.contains("CHAPTER 2") && secondPage.contains("Second Thoughts") && secondPage.contains("Later section"))
        #expect(!secondPage.contains("two and two make five"))

        // What the blocks made, math as KaTeX drew it, figures with their numbers.
        let text = try pdfText(book.pdf)
        #expect(text.contains("the answer is 42"))
        #expect(text.contains("second chapter ran"))
        #expect(text.contains("α + β"))
        #expect(!text.contains("\\alpha") && !text.contains("$$"))
        #expect(text.contains("Figure 1. Squares") && text.contains("Figure 1. Halves"))
        #expect(text.contains("Table 1. Loss per epoch"))
    }

    @Test func theOutlineListsChaptersAndSections() async throws {
        let book = try await PrintedBook.shared.value
        // poppler's own reading of the bookmarks.
        let xml = try poppler("pdftohtml", ["-xml", "-stdout", "-i", "-q", book.pdf.path])
        let outline = try #require(xml.range(of: "<outline>").map { String(xml[$0.lowerBound...]) })
        let items = outline.matches(of: /<item page="(\d+)">([^<]*)<\/item>/).map { (Int($0.1)!, String($0.2)) }
        let titles = items.map(\.1)
        #expect(titles.starts(with: ["The Print Fixture", "Table of contents", "Introduction", "First Steps", "Numbers and a figure"]))
        let first = try #require(titles.firstIndex(of: "First Steps"))
        let second = try #require(titles.firstIndex(of: "Second Thoughts"))
        #expect(first < second && titles[second + 1] == "Later section")
        // Sections sit under their chapter.
        #expect(outline.contains("<item page=\"\(items[second].0)\">Second Thoughts</item>\n<outline>\n<item"))
        let contents = try pdfText(book.pdf, page: 2)
        #expect(items[second].0 == (try Self.contentsPage(of: "2   Second Thoughts", in: contents)))
    }

    @Test func figuresAreVectorAndPagesLookLikeABook() async throws {
        let book = try await PrintedBook.shared.value
        // No picture in the PDF: the charts are vector drawings (the fixture has no image grid).
        let images = try poppler("pdfimages", ["-list", book.pdf.path]).split(separator: "\n")
        #expect(images.count == 2, "\(images)")

        let pages = try #require(book.report.pdf?.pages)
        let texts = try (1...pages).map { try pdfText(book.pdf, page: $0) }
        // The running head names the chapter; the footer numbers the page (not the title page).
        let chapterOnePages = texts.indices.filter { texts[$0].contains("1 · First Steps") }
        #expect(chapterOnePages.count >= 3)
        for index in texts.indices.dropFirst() {
            let lastLine = texts[index].split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }
            #expect(lastLine?.trimmingCharacters(in: .whitespaces) == "\(index + 1)", "footer of page \(index + 1)")
        }
        #expect(!texts[0].contains("1\n"))
        // A long table breaks, its header row repeated on each page it spans.
        let tablePages = texts.filter { $0.contains("0.0") && $0.contains("epoch") && $0.contains("loss") }
        #expect(tablePages.count >= 2)
        // Code wraps: both ends of the long line are printed, on two lines.
        let wrapped = try #require(texts.first { $0.contains("WRAPSTART") })
        let wrapLines = wrapped.split(separator: "\n")
        let start = try #require(wrapLines.firstIndex { $0.contains("WRAPSTART") })
        #expect(!wrapLines[start].contains("WRAPEND") && wrapLines[(start + 1)...].contains { $0.contains("WRAPEND") })
        // A `hide` block shows its results without its code.
        let all = texts.joined()
        #expect(all.contains("hidden result") && !all.contains("HIDDENCODE"))
        // A failed claim is marked, and the chapter says it has failures, as on its page.
        #expect(all.contains("✗ two and two make five"))
        #expect(all.contains("This chapter has failures"))
        #expect(texts[1].contains("FAILED"))
    }

    @Test func linksBetweenChaptersAreLinksInsideThePDF() async throws {
        let book = try await PrintedBook.shared.value
        // No link leads out of the PDF to a page or file of the HTML book.
        let urls = try poppler("pdfinfo", ["-url", book.pdf.path])
        #expect(!urls.contains("file:") && !urls.contains(".html"), "\(urls)")
        // The links of the text lead to destinations inside it, which poppler finds where
        // the reader does.
        let data = try Data(contentsOf: book.pdf)
        #expect(data.range(of: Data("/Dest /02-second-thoughts".utf8)) != nil)
        #expect(data.range(of: Data("/Dest /01-first-steps".utf8)) != nil)
        let listed = try poppler("pdfinfo", ["-dests", book.pdf.path])
        var fromPoppler: [String: Int] = [:]
        for match in listed.matches(of: /^\s*(\d+) \[[^\]]*\] "(.*)"$/.anchorsMatchLineEndings()) {
            fromPoppler[String(match.2)] = Int(match.1)
        }
        let destinations = try PDFReader(data).destinations()
        #expect(!destinations.isEmpty && destinations == fromPoppler)
        let later = try #require(destinations["02-second-thoughts/later-section"] ?? destinations["02-second-thoughts%2Flater-section"])
        #expect(try pdfText(book.pdf, page: later).contains("Later section"))
    }

    @Test func anUnchangedBookIsNotPrintedAgain() async throws {
        let root = try TestBook.make([
            "index.md": "# Cached\n\nOnce.\n",
            "01-only.md": "# Only\n\n```swift run\nprint(\"printed once\")\n```\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try await PrintedBook.build(root: root)
        #expect(first.report.pdf?.printed == true)
        let second = try await PrintedBook.build(root: root)
        #expect(second.report.pdf?.printed == false)
        #expect(second.report.pdf?.pages == first.report.pdf?.pages)
        #expect(try pdfText(second.pdf).contains("printed once"))

        // `tutorial pdf` on the written book: from the cache, or printed when forced.
        let folders = BookFolders(chapters: second.chapters, output: second.output, cache: second.cache)
        #expect(try await BookPDF.make(for: folders, options: BookPDF.Options()).printed == false)
        var force = BookPDF.Options()
        force.force = true
        #expect(try await BookPDF.make(for: folders, options: force).printed == true)

        // Prose changes the pages, so the PDF is printed again.
        try "# Only\n\nNew prose.\n\n```swift run\nprint(\"printed once\")\n```\n"
            .write(to: root.appendingPathComponent("chapters/01-only.md"), atomically: true, encoding: .utf8)
        let third = try await PrintedBook.build(root: root)
        #expect(third.report.pdf?.printed == true)
        #expect(try pdfText(third.pdf).contains("New prose."))
        // A build without --pdf writes the book without it.
        let plain = try await TestBook.build(root: root)
        #expect(plain.report.pdf == nil)
        #expect(!FileManager.default.fileExists(atPath: plain.pdf.path))
    }

    @Test func aFigureThatCannotBePrintedNamesItsChapter() async throws {
        let root = try TestBook.make([
            "01-fine.md": "# Fine\n\n```swift run\nprint(1)\n```\n",
            // HTML knows &nbsp;; an SVG image, which is XML, does not.
            "02-broken.md": "# Broken\n\n```swift run\nfigure(\"<svg><text>a&nbsp;b</text></svg>\", caption: \"Entity\")\n```\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let book = try await PrintedBook.build(root: root)
        let error = try #require(book.report.pdfError)
        #expect(error.contains("chapters/02-broken.md: Figure 1. Entity cannot be drawn in print"), "\(error)")
        #expect(!error.contains("01-fine"))
        // The pages are written all the same; there is no PDF.
        #expect(FileManager.default.fileExists(atPath: book.output.appendingPathComponent("02-broken.html").path))
        #expect(!FileManager.default.fileExists(atPath: book.pdf.path))
    }

    @Test func chromiumIsStoppedAtTheDeadlineAndLeavesNothing() async throws {
        let book = try await PrintedBook.shared.value
        let work = temporaryDirectory("printer")
        defer { try? FileManager.default.removeItem(at: work) }
        let printer = BookPrinter(chromium: try Chromium.find(), workDirectory: work, timeout: 0.5)
        let page = book.output.appendingPathComponent("print.html")
        let error = await ChapterJobs.onThread { Result { try printer.print(page) } }
        guard case .failure(let failure) = error else {
            Issue.record("printed within half a second")
            return
        }
        #expect("\(failure)".contains("Chromium took longer than 0.5 s"), "\(failure)")
        // No process is left that was started with the work folder on its command line.
        func leftovers() -> [String] {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return pids.filter { Int($0) != nil }.compactMap { pid in
                guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
                return String(decoding: data, as: UTF8.self).contains(work.path) ? pid : nil
            }
        }
        // (Killed processes may take a moment to go.)
        let end = Date().addingTimeInterval(10)
        while !leftovers().isEmpty && Date() < end { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(leftovers().isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).isEmpty)
    }

    @Test func aMissingChromiumNamesTheDebianPackage() {
        let environment = ["PATH": "/nonexistent", "CHROMIUM": "no-such-chromium"]
        #expect { try Chromium.find(environment: environment) } throws: { error in
            let text = "\(error)"
            return text.contains("no-such-chromium was not found") && text.contains("apt-get install chromium")
        }
    }
}
