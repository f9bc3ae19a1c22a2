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

    @Test func aBuildThatFailsLeavesThePreviousBook() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n"])
        _ = try await TestBook.build(root: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("chapters/01-a.md"))
        await #expect(throws: BookError.self) { _ = try await TestBook.build(root: root) }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/01-a.html").path))
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
