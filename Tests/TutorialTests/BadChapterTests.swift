import Foundation
import Testing

/// A chapter file that cannot be read, or whose page name is taken, fails alone with a
/// plain `file: error: …`; the other chapters still build and the book is written.
@Suite struct BadChapterTests {
    typealias P = ProcessSupport

    @Test func unreadableChaptersFailAloneAndTheBookIsWritten() throws {
        let root = try P.book([
            "01-good.md": "# Good\n\n```swift run\nprint(\"good\")\n```\n",
            "08-Twin.md": "# Twin\n",
            "08-twin.md": "# twin\n",
            "search.md": "# Search\n",
            "Index.md": "# Index\n",
        ])
        let chapters = root.appendingPathComponent("chapters")
        let fm = FileManager.default
        try Data("# Cafe\n\nLatin-1: caf\u{E9}\n".unicodeScalars.map { UInt8($0.value) })
            .write(to: chapters.appendingPathComponent("02-latin1.md"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
            .write(to: chapters.appendingPathComponent("03-binary.md"))
        try fm.createSymbolicLink(atPath: chapters.appendingPathComponent("04-dangling.md").path, withDestinationPath: "gone.md")
        try fm.createDirectory(at: chapters.appendingPathComponent("05-folder.md"), withIntermediateDirectories: false)
        #expect(mkfifo(chapters.appendingPathComponent("06-fifo.md").path, 0o644) == 0)
        // A named pipe among the pictures beside the chapters is not copied (nor waited on).
        try fm.createDirectory(at: chapters.appendingPathComponent("images"), withIntermediateDirectories: true)
        #expect(mkfifo(chapters.appendingPathComponent("images/pipe.png").path, 0o644) == 0)

        // A FIFO with no writer would block an open() that waits: bounded all the same.
        let result = try P.run(["build"], in: root, seconds: 240)
        #expect(result.status != 0)
        let expected = [
            "chapters/02-latin1.md: error: is not UTF-8 text: byte 0xE9 at line 3, column 13 is not UTF-8; save the file as UTF-8",
            "chapters/03-binary.md: error: is a binary file, not Markdown text (it holds a NUL byte at line 3, column 1)",
            "chapters/04-dangling.md: error: is a symbolic link to 'gone.md', which does not exist",
            "chapters/05-folder.md: error: is a folder, not a Markdown file",
            "chapters/06-fifo.md: error: is a named pipe (FIFO), not a file; it was not opened, as reading it could wait forever",
            "chapters/08-twin.md: error: its page 08-twin.html would replace that of chapters/08-Twin.md (page names ignore case); rename one of the two files",
            "chapters/Index.md: error: its page Index.html would replace the book's landing page (index.html); rename the file",
            "chapters/search.md: error: its page search.html would replace the book's search page (search.html); rename the file",
        ]
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for line in expected { #expect(lines.contains(line), "missing: \(line)\n\(result.stderr)") }
        #expect(!result.stderr.contains("Error Domain"))

        // The good chapter and the failing ones with a page of their own are written.
        let output = root.appendingPathComponent("output")
        #expect(try String(contentsOf: output.appendingPathComponent("01-good.html"), encoding: .utf8).contains("<pre class=\"output\">good\n</pre>"))
        let latin = try String(contentsOf: output.appendingPathComponent("02-latin1.html"), encoding: .utf8)
        #expect(latin.contains("chapters/02-latin1.md: error: is not UTF-8 text"))
        for page in ["03-binary", "04-dangling", "05-folder", "06-fifo", "08-Twin"] {
            #expect(fm.fileExists(atPath: output.appendingPathComponent(page + ".html").path), "\(page)")
        }
        // The colliding ones are not, and the book's own pages are the book's.
        #expect(!fm.fileExists(atPath: output.appendingPathComponent("Index.html").path))
        let pages = try fm.contentsOfDirectory(atPath: output.path)
        #expect(!pages.contains("08-twin.html"))
        #expect(!fm.fileExists(atPath: output.appendingPathComponent("images/pipe.png").path))
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).contains("chapter-list"))
    }

    @Test func aFixedChapterIsNotServedItsOldErrorFromTheCache() throws {
        let root = try P.book(["01-good.md": "# Good\n"])
        let chapter = root.appendingPathComponent("chapters/02-later.md")
        try Data([0x23, 0x20, 0xFF, 0x0A]).write(to: chapter)
        let broken = try P.run(["build"], in: root)
        #expect(broken.stderr.contains("chapters/02-later.md: error: is not UTF-8 text"))
        try "# Later\n".write(to: chapter, atomically: true, encoding: .utf8)
        let fixed = try P.run(["build"], in: root)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try String(contentsOf: root.appendingPathComponent("output/02-later.html"), encoding: .utf8).contains("Later"))
    }

    @Test func anUnreadableLandingPageIsRefusedInWords() throws {
        let root = try P.book(["01-good.md": "# Good\n"])
        try Data([0x23, 0x20, 0xFF, 0x0A]).write(to: root.appendingPathComponent("chapters/index.md"))
        let result = try P.run(["build"], in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("error: chapters/index.md: is not UTF-8 text: byte 0xFF at line 1, column 3"), "\(result.stderr)")
    }
}
