import Foundation
import Testing

/// Only outcomes of a chapter's own code are cached; what goes wrong around it is said,
/// once, and tried again by the next build.
@Suite struct CacheRobustnessTests {
    typealias P = ProcessSupport
    static let chapter = "# A\n\n```swift run\nprint(\"ran\")\n```\n"

    /// A stand-in for `swiftc` that runs `body` (a shell script).
    static func fakeCompiler(_ body: String, in root: URL) throws -> String {
        let url = root.appendingPathComponent("fake-swiftc")
        try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    static func cachedResults(_ root: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".tutorial-cache/results").path)) ?? [])
            .filter { !$0.hasPrefix(".") }
    }

    @Test func aCompilerKilledByASignalIsReportedAndNotCached() throws {
        let root = try P.book(["01-a.md": Self.chapter])
        // `--version` answers (the cache key asks it), compiling is killed.
        let swiftc = try Self.fakeCompiler("[ \"$1\" = --version ] && { echo fake 1; exit 0; }\nkill -KILL $$", in: root)
        let killed = try P.run(["build"], in: root, environment: ["SWIFTC": swiftc])
        #expect(killed.status != 0)
        #expect(killed.stderr.contains("chapters/01-a.md: error: the compiler was stopped by SIGKILL (signal 9)"), "\(killed.stderr)")
        #expect(Self.cachedResults(root).isEmpty)

        // The real compiler next time: the chapter runs (nothing was cached) and passes.
        let next = try P.run(["build"], in: root)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("(0 from cache)"))
        #expect(Self.cachedResults(root) == ["01-a.json"])
    }

    @Test func aCompilerFailingOutsideTheChapterIsReportedAndNotCached() throws {
        let root = try P.book(["01-a.md": Self.chapter])
        let swiftc = try Self.fakeCompiler(
            "[ \"$1\" = --version ] && { echo fake 2; exit 0; }\necho \"<unknown>:0: error: unable to write main.o: No space left on device\" >&2\nexit 1",
            in: root)
        let full = try P.run(["build"], in: root, environment: ["SWIFTC": swiftc])
        #expect(full.status != 0)
        #expect(
            full.stderr.contains("chapters/01-a.md: error: the compiler failed (exit status 1) without naming a line of the chapter"),
            "\(full.stderr)")
        #expect(full.stderr.contains("No space left on device"))
        #expect(Self.cachedResults(root).isEmpty)
    }

    @Test func aCacheThatCannotBeWrittenIsSaidOnce() throws {
        let root = try P.book(["01-a.md": Self.chapter, "02-b.md": Self.chapter.replacingOccurrences(of: "# A", with: "# B")])
        #expect(try P.run(["build"], in: root).status == 0)
        // `results` becomes a file: no entry can be written.
        let results = root.appendingPathComponent(".tutorial-cache/results")
        try FileManager.default.removeItem(at: results)
        try "not a folder".write(to: results, atomically: true, encoding: .utf8)
        let build = try P.run(["build", "--force"], in: root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.components(separatedBy: "warning: cannot keep results in the cache").count - 1 == 1, "\(build.stderr)")
        #expect(build.stderr.contains(results.path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/02-b.html").path))
    }
}
