import Foundation
import Testing

@testable import Book

@Suite struct AtomicOutputTests {
    @Test func outputIsReplacedWholeAndNoTemporaryFolderRemains() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n\nNo blocks.\n"])
        let output = root.appendingPathComponent("output")
        _ = try await TestBook.build(root: root)
        try "stale".write(to: output.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)

        _ = try await TestBook.build(root: root)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(names.sorted() == ["cache", "chapters", "output"])
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.path)
        #expect(!pages.contains("stale.html"))
        #expect(pages.contains("01-a.html"))
    }

    @Test func aFolderTheToolDidNotWriteIsRefusedBeforeAnythingRuns() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n\n```swift run\nprint(1)\n```\n"])
        let output = root.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "mine".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let events = EventRecorder()
        await #expect(throws: BookError.self) { _ = try await TestBook.build(root: root, observer: events) }
        #expect(events.events.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["notes.txt"])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("cache").path))
    }

    /// The new book fails half-way through being written (its theme has a malformed
    /// template, found after the assets are copied): the half-written folder is removed
    /// and the previous book is left as it was.
    @Test func aBuildThatFailsWhileWritingLeavesThePreviousBook() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n\nFirst version.\n"])
        let output = root.appendingPathComponent("output")
        _ = try await TestBook.build(root: root)
        try "# A\n\nSecond version.\n".write(to: root.appendingPathComponent("chapters/01-a.md"), atomically: true, encoding: .utf8)
        let theme = root.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try "{{#unclosed}}".write(to: theme.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        var options = TestBook.options(root: root)
        options.themeDirectory = theme
        await #expect(throws: BookError.self) {
            _ = try await BookBuilder(options: options, runtime: try TestBook.runtime()).build()
        }
        #expect(try String(contentsOf: output.appendingPathComponent("01-a.html"), encoding: .utf8).contains("First version."))
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(names.sorted() == ["cache", "chapters", "output", "theme"])
    }
}

extension AtomicOutputTests {
    @Test func picturesBesideTheChaptersAreCopied() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n\n![a dot](images/dot.svg)\n"])
        let images = root.appendingPathComponent("chapters/images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(to: images.appendingPathComponent("dot.svg"), atomically: true, encoding: .utf8)
        let book = try await TestBook.build(root: root)
        #expect(FileManager.default.fileExists(atPath: book.output.appendingPathComponent("images/dot.svg").path))
        #expect(try book.page("01-a").contains(#"<img src="images/dot.svg" alt="a dot">"#))
    }
}
