import Foundation
import Testing

@testable import Book

@Suite struct CacheTests {
    static let first = "# One\n\nProse.\n\n```swift run\nlet a = 40\nprint(\"a is\", a)\n```\n"
    static let second = "# Two\n\n```swift run\nexpect(\"two\", 1 + 1, equals: 2)\n```\n"

    @Test func hitMissAndInvalidation() async throws {
        let root = try TestBook.make(["01-one.md": Self.first, "02-two.md": Self.second])
        let recorder = EventRecorder()
        let cold = try await TestBook.build(root: root, observer: recorder)
        #expect(cold.report.chapters.map(\.cached) == [false, false])

        // No change: everything from the cache.
        let warm = try await TestBook.build(root: root)
        #expect(warm.report.chapters.map(\.cached) == [true, true])

        // A prose edit (even one that moves the block down) re-renders without running,
        // and locations follow the new lines.
        let chapterFile = root.appendingPathComponent("chapters/01-one.md")
        try Self.first.replacingOccurrences(of: "Prose.", with: "New prose,\nover two lines.")
            .write(to: chapterFile, atomically: true, encoding: .utf8)
        let prose = try await TestBook.build(root: root)
        #expect(prose.report.chapters.map(\.cached) == [true, true])
        #expect(try prose.page("01-one").contains("over two lines."))
        #expect(prose.report.chapters[0].blocks[0].location.description == "chapters/01-one.md:6")

        // A code edit reruns that chapter only.
        try Self.first.replacingOccurrences(of: "40", with: "41").write(to: chapterFile, atomically: true, encoding: .utf8)
        let code = try await TestBook.build(root: root)
        #expect(code.report.chapters.map(\.cached) == [false, true])
        #expect(try code.page("01-one").contains("a is 41"))

        // --force ignores the cache.
        let forced = try await TestBook.build(root: root, force: true)
        #expect(forced.report.chapters.map(\.cached) == [false, false])
    }

    @Test func blockOptionsArePartOfTheKey() throws {
        let keys = CacheKeyInputs(runtimeFingerprint: "r", datasetFingerprint: "d", limits: RunLimits())
        let url = URL(fileURLWithPath: "/t/01-a.md")
        let plain = Chapter.parse("```swift run\nprint(1)\n```\n", url: url, path: "01-a.md")
        let hidden = Chapter.parse("```swift run hide\nprint(1)\n```\n", url: url, path: "01-a.md")
        let moved = Chapter.parse("Prose\n\nmore\n\n```swift run\nprint(1)\n```\n", url: url, path: "01-a.md")
        #expect(keys.key(for: plain) != keys.key(for: hidden))
        #expect(keys.key(for: plain) == keys.key(for: moved))
        let otherRuntime = CacheKeyInputs(runtimeFingerprint: "r2", datasetFingerprint: "d", limits: RunLimits())
        #expect(keys.key(for: plain) != otherRuntime.key(for: plain))
        let otherData = CacheKeyInputs(runtimeFingerprint: "r", datasetFingerprint: "d2", limits: RunLimits())
        #expect(keys.key(for: plain) != otherData.key(for: plain))
        var otherCompiler = keys
        otherCompiler.compilerFingerprint = "Swift version 6.4"
        #expect(keys.key(for: plain) != otherCompiler.key(for: plain))
        var otherBLAS = keys
        otherBLAS.blasFingerprint = "OpenBLAS 0.3.30"
        #expect(keys.key(for: plain) != otherBLAS.key(for: plain))
    }

    /// The key names the libraries the chapter programs load (OpenBLAS among them) and
    /// the CPU they pick kernels for, without loading them into the tool.
    @Test func theBLASLibraryIsFingerprinted() throws {
        let runtime = try TestBook.runtime()
        let memo = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("libraries-\(UUID().uuidString.prefix(8))")
        let blas = ToolchainFingerprint.libraries(runtimeLibrary: runtime.library, memo: memo, environment: [:])
        #expect(blas.contains("libopenblas"), "\(blas)")
        #expect(blas.contains("model name:"), "\(blas)")
        #expect(ToolchainFingerprint.libraries(runtimeLibrary: runtime.library, memo: memo, environment: [:]) == blas)
        #expect(
            ToolchainFingerprint.libraries(
                runtimeLibrary: runtime.library, memo: memo,
                environment: ["OPENBLAS_CORETYPE": "Haswell"]) != blas)
    }

    /// The compiler is asked its version once, and again when its binary changes.
    @Test func theCompilersVersionIsAskedOncePerBinary() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("compiler-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let swiftc = dir.appendingPathComponent("swiftc"), asked = dir.appendingPathComponent("asked")
        try "#!/bin/sh\necho x >> \(asked.path)\necho \"Swift version 9.9 (fake)\"\n".write(to: swiftc, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swiftc.path)
        let memo = dir.appendingPathComponent("compiler")
        let first = ToolchainFingerprint.compiler(swiftc: swiftc.path, memo: memo)
        #expect(first.contains("Swift version 9.9 (fake)"))
        #expect(ToolchainFingerprint.compiler(swiftc: swiftc.path, memo: memo) == first)
        #expect(try String(contentsOf: asked, encoding: .utf8) == "x\n")
        // A new compiler at the same place: asked again, and a different key.
        try "#!/bin/sh\necho x >> \(asked.path)\necho \"Swift version 9.10 (fake)\"\n".write(to: swiftc, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swiftc.path)
        let second = ToolchainFingerprint.compiler(swiftc: swiftc.path, memo: memo)
        #expect(second.contains("Swift version 9.10 (fake)"))
        #expect(try String(contentsOf: asked, encoding: .utf8) == "x\nx\n")
    }

    @Test func corruptEntryIsDiscarded() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cache-\(UUID().uuidString.prefix(8))")
        let cache = ResultCache(directory: dir)
        let result = ChapterResult(blocks: [BlockResult(status: .ran, items: [.text("hello")])])
        try cache.store(result, for: "01-a", key: "k")
        #expect(cache.result(for: "01-a", key: "k") != nil)
        #expect(cache.result(for: "01-a", key: "other") == nil)

        let file = dir.appendingPathComponent("results/01-a.json")
        var data = try Data(contentsOf: file)
        data[data.count - 5] ^= 0x01
        try data.write(to: file)
        #expect(cache.result(for: "01-a", key: "k") == nil)
        #expect(!FileManager.default.fileExists(atPath: file.path))

        try Data("garbage".utf8).write(to: file)
        #expect(cache.entry(for: "01-a") == nil)
    }
}
