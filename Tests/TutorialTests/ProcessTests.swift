import Foundation
import Testing

/// Nothing a chapter starts outlives `tutorial`, however `tutorial` ends, and nothing a
/// chapter program or its children do with their output stalls the build.
@Suite struct ProcessTests {
    typealias P = ProcessSupport

    @Test func sigkillOfTheToolEndsChapterProgramsAndWhatTheyStarted() throws {
        let marker = P.marker()
        let root = try P.book([:])
        let started = root.appendingPathComponent("started")
        try "# Forever\n\n```swift run timeout=600\n\(P.startSleeper(marker, started: started))\nwhile true { usleep(10_000) }\n```\n"
            .write(to: root.appendingPathComponent("chapters/01-forever.md"), atomically: true, encoding: .utf8)
        let tool = try P.launch(["build"], in: root)
        defer {
            kill(tool.pid, SIGKILL)
            tool.process.waitUntilExit()
            tool.removeLogs()
        }

        #expect(P.waitUntil(seconds: 240) { FileManager.default.fileExists(atPath: started.path) }, "\(tool.log("err"))")
        #expect(!P.chapterPrograms(under: root).isEmpty)
        #expect(!P.sleepers(marker).isEmpty)

        kill(tool.pid, SIGKILL)
        tool.process.waitUntilExit()
        // The chapter program sees its watchdog pipe close and ends itself and all below it.
        #expect(P.waitUntil(seconds: 60) { P.chapterPrograms(under: root).isEmpty }, "the chapter program outlived tutorial")
        #expect(P.waitUntil(seconds: 60) { P.sleepers(marker).isEmpty }, "what the chapter started outlived tutorial")
    }

    @Test func sigkillOfTheToolWhileCompilingEndsTheCompiler() throws {
        let marker = P.marker()
        let root = try P.book(["01-a.md": CacheRobustnessTests.chapter])
        let started = root.appendingPathComponent("started")
        // A compiler that answers `--version` (the cache key asks it) and otherwise starts
        // a long sleeper in its process group, says so, and waits: a compile that takes long.
        let swiftc = try CacheRobustnessTests.fakeCompiler(
            "[ \"$1\" = --version ] && { echo fake 1; exit 0; }\nsleep \(marker) &\ntouch '\(started.path)'\nwait", in: root)
        let tool = try P.launch(["build"], in: root, environment: ["SWIFTC": swiftc])
        defer {
            kill(tool.pid, SIGKILL)
            tool.process.waitUntilExit()
            tool.removeLogs()
        }
        #expect(P.waitUntil(seconds: 120) { FileManager.default.fileExists(atPath: started.path) }, "\(tool.log("err"))")
        #expect(!P.sleepers(marker).isEmpty)

        kill(tool.pid, SIGKILL)
        tool.process.waitUntilExit()
        // The guardian sees tutorial's end and kills the compiler's process group.
        #expect(P.waitUntil(seconds: 30) { P.sleepers(marker).isEmpty }, "the compiler outlived tutorial")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptStopsEverythingAndLeavesNoTemporaryFolder(signal: Int32) throws {
        let marker = P.marker()
        let root = try P.book(["01-quick.md": "# Quick\n\n```swift run\nprint(1)\n```\n"])
        let started = root.appendingPathComponent("started")
        try "# Forever\n\n```swift run timeout=600\n\(P.startSleeper(marker, started: started))\nwhile true { usleep(10_000) }\n```\n"
            .write(to: root.appendingPathComponent("chapters/02-forever.md"), atomically: true, encoding: .utf8)
        let tool = try P.launch(["build", "--jobs", "2"], in: root)
        defer {
            kill(tool.pid, SIGKILL)
            tool.process.waitUntilExit()
            tool.removeLogs()
        }
        #expect(P.waitUntil(seconds: 240) { FileManager.default.fileExists(atPath: started.path) }, "\(tool.log("err"))")

        kill(tool.pid, signal)
        #expect(P.waitUntil(seconds: 60) { !tool.process.isRunning }, "tutorial did not stop")
        tool.process.waitUntilExit()
        #expect(tool.process.terminationStatus == 128 + signal)
        #expect(tool.log("err").contains(signal == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)"))
        #expect(tool.log("err").contains("the book was not written"))
        #expect(P.waitUntil(seconds: 30) { P.chapterPrograms(under: root).isEmpty && P.sleepers(marker).isEmpty })

        // Nothing half-done stays: no book, no temporary folder, no result of the
        // interrupted chapter in the cache.
        let fm = FileManager.default
        #expect(try fm.contentsOfDirectory(atPath: root.path).sorted() == [".tutorial-cache", "chapters", "started"])
        #expect(try fm.contentsOfDirectory(atPath: root.appendingPathComponent(".tutorial-cache/build").path) == [])
        let results = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(".tutorial-cache/results").path)) ?? []
        #expect(!results.contains("02-forever.json"))
    }

    @Test func anInterruptWhileCompilingLeavesNoTemporaryFolder() throws {
        let root = try P.book(["01-a.md": "# A\n\n```swift run\nprint(1)\n```\n"])
        let tool = try P.launch(["build"], in: root)
        defer {
            kill(tool.pid, SIGKILL)
            tool.process.waitUntilExit()
            tool.removeLogs()
        }
        let build = root.appendingPathComponent(".tutorial-cache/build")
        #expect(
            P.waitUntil(seconds: 120) {
                ((try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? []).contains { $0.hasPrefix("01-a-") }
            })
        kill(tool.pid, SIGINT)
        #expect(P.waitUntil(seconds: 60) { !tool.process.isRunning })
        tool.process.waitUntilExit()
        #expect(tool.process.terminationStatus == 128 + SIGINT, "\(tool.log("err"))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: build.path) == [])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output").path))
    }

    /// A chapter program that ends while something it started holds its output open:
    /// normally (the runtime ends what it started as it exits) and by a trap (the tool
    /// sees the end through a pidfd and ends the orphans it adopted).
    @Test func aProcessHoldingTheOutputOpenDoesNotStallTheBuild() throws {
        let normal = P.marker(), trapped = P.marker()
        let root = try P.book([:])
        for (name, marker, ending) in [("01-normal", normal, "print(\"after\")"), ("02-trap", trapped, "fatalError(\"boom\")")] {
            let started = root.appendingPathComponent("started-" + name)
            try "# \(name)\n\n```swift run\n\(P.startSleeper(marker, started: started))\nprint(\"started\")\n```\n\n```swift run\n\(ending)\n```\n"
                .write(to: root.appendingPathComponent("chapters/\(name).md"), atomically: true, encoding: .utf8)
        }
        // Each chapter may take 900 s and each block 120 s: a build that waited for the
        // pipes would take minutes.
        let build = try P.run(["build"], in: root, seconds: 100)
        #expect(build.stdout.contains("Built 2 chapter(s)"), "\(build.stderr)")
        #expect(build.stderr.contains("chapters/02-trap.md:13:"), "\(build.stderr)")
        #expect(build.stderr.contains("error: Fatal error: boom"))
        let page = try String(contentsOf: root.appendingPathComponent("output/01-normal.html"), encoding: .utf8)
        #expect(page.contains("<pre class=\"output\">after\n</pre>"))
        #expect(P.waitUntil(seconds: 30) { P.sleepers(normal).isEmpty && P.sleepers(trapped).isEmpty })
    }

    @Test func aProgramThatClosesItsOutputIsStillStoppedAtItsLimit() throws {
        let root = try P.book([
            "01-closed.md": "# Closed\n\n```swift run timeout=2\nclose(1); close(2); close(3)\nwhile true { usleep(10_000) }\n```\n"
        ])
        let result = try P.run(["build"], in: root, seconds: 240)
        #expect(result.status != 0)
        #expect(result.stderr.contains("chapters/01-closed.md:4:1: error: timed out: the block ran longer than its limit of 2 s"), "\(result.stderr)")
        #expect(P.chapterPrograms(under: root).isEmpty)
    }

    @Test func chapterProgramsStartWithDefaultSignalActions() throws {
        let check = """
            for (name, number) in [("SIGINT", SIGINT), ("SIGTERM", SIGTERM), ("SIGPIPE", SIGPIPE), ("SIGHUP", SIGHUP)] {
                var action = sigaction()
                sigaction(number, nil, &action)
                let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
                var blocked = sigset_t()
                sigprocmask(SIG_BLOCK, nil, &blocked)
                print(name, handler == 0 ? "default" : "changed", sigismember(&blocked, number) == 1 ? "blocked" : "not blocked")
            }
            """
        let root = try P.book(["01-signals.md": "# Signals\n\n```swift run\n\(check)\n```\n"])
        // `tutorial` itself ignores SIGINT and SIGTERM (it receives them on a queue).
        let result = try P.run(["run", "1"], in: root, seconds: 240)
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["SIGINT", "SIGTERM", "SIGPIPE", "SIGHUP"] {
            #expect(result.stdout.contains("\(name) default not blocked"), "\(result.stdout)")
        }
    }
}
