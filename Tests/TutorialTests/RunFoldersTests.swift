import Foundation
import Testing

/// `tutorial run` writes figures only into a folder that is absent, empty or its own,
/// and leaves no temporary folder behind, sweeping those a killed run left.
@Suite struct RunFoldersTests {
    typealias P = ProcessSupport

    static func chapter(figures: Int) -> String {
        let calls = (1...figures).map { n in
            "figure(\"<svg xmlns=\\\"http://www.w3.org/2000/svg\\\" onload=\\\"alert(1)\\\"><rect width=\\\"\(n)\\\" height=\\\"1\\\"/></svg>\", caption: \"n \(n)\"\(n == 1 ? ", id: \"../../escape\"" : ""))"
        }
        return "# Figures\n\n```swift run\n\(calls.joined(separator: "\n"))\n```\n"
    }

    @Test func figuresGoOnlyWhereTutorialRunMayWrite() throws {
        let root = try P.book(["01-figures.md": Self.chapter(figures: 2)])
        let fm = FileManager.default
        // A folder of the user's: refused before anything runs, and untouched.
        let mine = root.appendingPathComponent("mine")
        try fm.createDirectory(at: mine, withIntermediateDirectories: true)
        try "keep".write(to: mine.appendingPathComponent("figure-1.svg"), atomically: true, encoding: .utf8)
        let refused = try P.run(["run", "1", "--figures", "mine"], in: root)
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("refusing to use \(mine.path) for the figures: it is not empty and has no .tutorial-figures stamp"),
            "\(refused.stderr)")
        #expect(try String(contentsOf: mine.appendingPathComponent("figure-1.svg"), encoding: .utf8) == "keep")
        #expect(try fm.contentsOfDirectory(atPath: mine.path) == ["figure-1.svg"])
        for bad in ["chapters", ".", "mine/figure-1.svg"] {
            let result = try P.run(["run", "1", "--figures", bad], in: root)
            #expect(result.status != 0 && result.stderr.contains("refusing to use"), "\(bad): \(result.stderr)")
        }

        // An absent folder is made and stamped; files are named safely and sanitized.
        let first = try P.run(["run", "1", "--figures", "figs"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let figs = root.appendingPathComponent("figs")
        #expect(try fm.contentsOfDirectory(atPath: figs.path).sorted() == [".tutorial-figures", "figure-1-escape.svg", "figure-2.svg"])
        #expect(!(try String(contentsOf: figs.appendingPathComponent("figure-2.svg"), encoding: .utf8)).contains("onload"))

        // The next run replaces the previous figures and leaves other files alone.
        try "notes".write(to: figs.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try Self.chapter(figures: 1).write(to: root.appendingPathComponent("chapters/01-figures.md"), atomically: true, encoding: .utf8)
        let second = try P.run(["run", "1", "--figures", "figs"], in: root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: figs.path).sorted() == [".tutorial-figures", "figure-1-escape.svg", "notes.txt"])
    }

    @Test func runSweepsTheTemporaryFoldersOfDeadRunsOnly() throws {
        let root = try P.book(["01-a.md": "# A\n\n```swift run\nprint(\"ran\")\n```\n"])
        // A temporary folder of this test's own, so runs of other tests do not show.
        let temporary = root.appendingPathComponent("tmp")
        let scratch = temporary.appendingPathComponent("tutorial-run-\(getuid())")
        let fm = FileManager.default
        let token = UUID().uuidString.prefix(8).lowercased()
        let dead = scratch.appendingPathComponent("run-dead\(token.prefix(4))"), live = scratch.appendingPathComponent("run-live\(token.prefix(4))")
        for folder in [dead, live] {
            try fm.createDirectory(at: folder.appendingPathComponent("01-a-12345678"), withIntermediateDirectories: true)
            _ = fm.createFile(atPath: folder.appendingPathComponent("lock").path, contents: nil)
        }
        // A run in progress holds its folder's lock.
        let fd = open(live.appendingPathComponent("lock").path, O_RDWR)
        #expect(flock(fd, LOCK_EX) == 0)
        defer { close(fd) }

        let before = Set((try? fm.contentsOfDirectory(atPath: scratch.path)) ?? [])
        let result = try P.run(["run", "1"], in: root, environment: ["TMPDIR": temporary.path + "/"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ran"))
        let after = Set((try? fm.contentsOfDirectory(atPath: scratch.path)) ?? [])
        #expect(!after.contains(dead.lastPathComponent))
        #expect(after.contains(live.lastPathComponent))
        // Its own folder went when it ended: nothing new stays.
        #expect(after.subtracting(before).isEmpty)
    }
}
