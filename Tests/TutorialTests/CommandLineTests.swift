import Foundation
import Testing

/// The `tutorial` executable end to end, on a small fixture book. It is found next to
/// the test bundle, where `swift build` and `swift test` put it.
@Suite struct CommandLineTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/book")

    static func tutorial() throws -> URL {
        let bin = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let exe = bin.appendingPathComponent("tutorial")
        guard FileManager.default.isExecutableFile(atPath: exe.path) else {
            Issue.record("no tutorial executable at \(exe.path): run `swift build` first")
            throw CocoaError(.fileNoSuchFile)
        }
        return exe
    }

    /// A copy of the fixture book in a temporary folder (the working directory of runs).
    static func book() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("chapters"), to: root.appendingPathComponent("chapters"))
        return root
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = try tutorial()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func checkReportsEveryFailureAndClosesWithCounts() throws {
        let root = try Self.book()
        let result = try Self.run(["check"], in: root)
        #expect(result.status != 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "3 passed, 2 failed")
        #expect(lines.contains("✗ chapters/02-failing.md:6:1: expectation failed: one is two (got 1, expected 2)"))
        #expect(lines.contains("✗ broken link: 02-failing.html: 01-passing.html#nowhere (no element with id 'nowhere')"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/01-passing.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".tutorial-cache/results/01-passing.json").path))

        // --json: a machine-readable report; the closing line on standard error.
        let json = try Self.run(["check", "--json"], in: root)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["passed"] as? Int == 3)
        #expect(report["failed"] as? Int == 2)
        #expect((report["chapters"] as? [[String: Any]])?.count == 2)
        #expect(json.stderr.hasSuffix("3 passed, 2 failed\n"))
    }

    @Test func buildExitsNonZeroOnFailureAndCleanRemovesEverything() throws {
        let root = try Self.book()
        let build = try Self.run(["build", "--jobs", "2"], in: root)
        #expect(build.status != 0)
        #expect(build.stdout.contains("Built 2 chapter(s) into output/"))
        #expect(build.stderr.contains("chapters/02-failing.md:6:1: expectation failed"))
        let clean = try Self.run(["clean"], in: root)
        #expect(clean.status == 0)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".tutorial-cache").path))
    }

    @Test func runPrintsResultsAsText() throws {
        let root = try Self.book()
        let passing = try Self.run(["run", "1"], in: root)
        #expect(passing.status == 0)
        #expect(
            passing.stdout == """
                ── block 1 (chapters/01-passing.md:7) ──
                x = 42
                ✓ x is 42 (= 42)
                Table 1.
                 x
                ──
                42

                """)
        let failing = try Self.run(["run", "02-failing.md"], in: root)
        #expect(failing.status != 0)
        #expect(failing.stdout.contains("✗ one is two (got 1, expected 2) — chapters/02-failing.md:6:1: expectation failed"))
    }

    @Test func inputChecks() throws {
        let root = try Self.book()
        let jobs = try Self.run(["build", "--jobs", "0"], in: root)
        #expect(jobs.status != 0)
        #expect(jobs.stderr.contains("--jobs must be at least 1"))
        let missing = try Self.run(["build", "--chapters", "nowhere"], in: root)
        #expect(missing.stderr.contains("no chapters folder at 'nowhere'"))
        let unknown = try Self.run(["run", "7"], in: root)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no chapter matches '7'"))
    }
}
