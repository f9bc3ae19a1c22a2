import Foundation
import Testing
@testable import Book

@Suite struct AtomicOutputTests {
    @Test func outputIsReplacedWholeAndNoTemporaryFolderRemains() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n\nNo blocks.\n"])
        let output = root.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "stale".write(to: output.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)

        _ = try await TestBook.build(root: root)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(names.sorted() == ["cache", "chapters", "output"])
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.path)
        #expect(!pages.contains("stale.html"))
        #expect(pages.contains("01-a.html"))
    }

    @Test func aBuildThatFailsLeavesThePreviousBook() async throws {
        let root = try TestBook.make(["01-a.md": "# A\n"])
        _ = try await TestBook.build(root: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("chapters/01-a.md"))
        await #expect(throws: BookError.self) { _ = try await TestBook.build(root: root) }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/01-a.html").path))
    }
}
