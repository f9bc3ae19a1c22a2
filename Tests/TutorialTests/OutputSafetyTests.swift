import Foundation
import Testing

/// `build` writes only into a folder that is absent, empty or a book it wrote; `clean`
/// removes only what the tool made. Every refusal happens before anything is written.
@Suite struct OutputSafetyTests {
    /// A book folder with one chapter that has no run blocks (nothing to compile), and a
    /// folder of the user's own files beside it.
    static func book() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("safety-\(UUID().uuidString.prefix(8))")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try "# Prose\n\nOnly words.\n".write(to: root.appendingPathComponent("chapters/01-prose.md"), atomically: true, encoding: .utf8)
        try fm.createDirectory(at: root.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try "keep me".write(to: root.appendingPathComponent("mine/notes.txt"), atomically: true, encoding: .utf8)
        return root
    }

    static func listing(_ root: URL) -> [String] {
        let fm = FileManager.default
        var found: [String] = []
        let enumerator = fm.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String { found.append(path) }
        return found.sorted()
    }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// `build --output VALUE` from `directory` is refused with `reason`, and changes nothing.
    func expectRefused(
        _ output: String, from directory: String = "", reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let root = try Self.book()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("chapters/sub"), withIntermediateDirectories: true)
        try "a file".write(to: root.appendingPathComponent("a-file"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "mine")
        let before = Self.listing(root)
        let cwd = directory.isEmpty ? root : root.appendingPathComponent(directory)
        let chapters = directory.isEmpty ? "chapters" : "../chapters"
        let result = try CommandLineTests.run(["build", "--chapters", chapters, "--output", output], in: cwd)
        #expect(result.status != 0, "build --output \(output) was not refused", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("refusing to use"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(reason), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("compiling"), sourceLocation: sourceLocation)
        #expect(Self.listing(root) == before, "the refused build changed files", sourceLocation: sourceLocation)
    }

    @Test func theChaptersFolderIsRefused() throws {
        try expectRefused("chapters", reason: "it is the chapters folder")
    }

    @Test func aFolderInsideTheChaptersIsRefused() throws {
        try expectRefused("chapters/sub", reason: "it lies inside the chapters folder")
        try expectRefused("chapters/new", reason: "it lies inside the chapters folder")
    }

    @Test func theCurrentFolderAndItsParentsAreRefused() throws {
        try expectRefused(".", reason: "it contains the chapters folder")
        try expectRefused("..", reason: "it contains the chapters folder")
        try expectRefused(".", from: "mine", reason: "it is the current folder")
        try expectRefused("..", from: "mine", reason: "it contains the chapters folder")
        try expectRefused("/", reason: "it contains the chapters folder")
    }

    @Test func aFolderOfTheUsersFilesIsRefused() throws {
        try expectRefused("mine", reason: "it is not empty and has no .tutorial-book stamp")
    }

    @Test func aFileALinkAndTheCacheAreRefused() throws {
        try expectRefused("a-file", reason: "it is a file, not a folder")
        try expectRefused("link", reason: "it is a symbolic link")
        try expectRefused(".tutorial-cache", reason: "it is the results cache")
    }

    @Test func anEmptyOutputIsRefused() throws {
        let root = try Self.book()
        let result = try CommandLineTests.run(["build", "--output", ""], in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--output is empty"))
        #expect(!Self.exists(root.appendingPathComponent(".tutorial-cache")))
    }

    @Test func aCacheFolderOfTheUsersFilesIsRefused() throws {
        let root = try Self.book()
        let result = try CommandLineTests.run(["build", "--cache", "mine"], in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("refusing to use \(root.path)/mine for the results cache"))
        #expect(Self.listing(root.appendingPathComponent("mine")) == ["notes.txt"])
    }

    @Test func firstBuildThenRebuildReplaceOnlyTheBook() throws {
        let root = try Self.book()
        let fm = FileManager.default
        let first = try CommandLineTests.run(["build"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Built 1 chapter(s) into output/"))
        let output = root.appendingPathComponent("output")
        #expect(Self.exists(output.appendingPathComponent(".tutorial-book")))
        #expect(Self.exists(output.appendingPathComponent("01-prose.html")))
        #expect(Self.exists(root.appendingPathComponent(".tutorial-cache/CACHEDIR.TAG")))

        // The README says so: a rebuild replaces the whole book, files added to it too.
        try "added".write(to: output.appendingPathComponent("added.txt"), atomically: true, encoding: .utf8)
        try "# Prose\n\nOther words.\n".write(to: root.appendingPathComponent("chapters/01-prose.md"), atomically: true, encoding: .utf8)
        let second = try CommandLineTests.run(["build"], in: root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!Self.exists(output.appendingPathComponent("added.txt")))
        #expect(try String(contentsOf: output.appendingPathComponent("01-prose.html"), encoding: .utf8).contains("Other words."))
        #expect(try fm.contentsOfDirectory(atPath: root.path).sorted() == [".tutorial-cache", "chapters", "mine", "output"])
        #expect(Self.listing(root.appendingPathComponent("mine")) == ["notes.txt"])
    }

    @Test func anEmptyFolderIsUsed() throws {
        let root = try Self.book()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        let result = try CommandLineTests.run(["build", "--output", "site"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.exists(root.appendingPathComponent("site/01-prose.html")))
    }

    @Test func defaultsLieBesideTheChaptersWhereverTheCommandRuns() throws {
        let root = try Self.book()
        let elsewhere = root.appendingPathComponent("mine")
        let result = try CommandLineTests.run(["build", "--chapters", "../chapters"], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.exists(root.appendingPathComponent("output/01-prose.html")))
        #expect(Self.exists(root.appendingPathComponent(".tutorial-cache")))
        #expect(Self.listing(elsewhere) == ["notes.txt"])
    }

    @Test func leftoversOfADeadBuildAreSweptButNotTheUsersFolders() throws {
        let root = try Self.book()
        let fm = FileManager.default
        // A temporary book a killed build left (stamped), and a user's folder that
        // merely looks like one.
        let leftover = root.appendingPathComponent(".output.tmp-deadbeef")
        try fm.createDirectory(at: leftover, withIntermediateDirectories: true)
        try "tutorial-book\n".write(to: leftover.appendingPathComponent(".tutorial-book"), atomically: true, encoding: .utf8)
        let lookalike = root.appendingPathComponent(".output.old-12345678")
        try fm.createDirectory(at: lookalike, withIntermediateDirectories: true)
        try "mine".write(to: lookalike.appendingPathComponent("x"), atomically: true, encoding: .utf8)
        // A cache a killed `clean` had moved aside (tagged).
        let removing = root.appendingPathComponent(".tutorial-cache.removing-0badf00d")
        try fm.createDirectory(at: removing.appendingPathComponent("results"), withIntermediateDirectories: true)
        try "Signature: 8a477f597d28d172789f06886806bc55\n# created by tutorial\n"
            .write(to: removing.appendingPathComponent("CACHEDIR.TAG"), atomically: true, encoding: .utf8)
        let result = try CommandLineTests.run(["build"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!Self.exists(leftover))
        #expect(!Self.exists(removing))
        #expect(Self.exists(lookalike.appendingPathComponent("x")))
    }

    @Test func cleanRemovesOnlyStampedFoldersAndSaysWhat() throws {
        let root = try Self.book()
        #expect(try CommandLineTests.run(["build"], in: root).status == 0)
        let refused = try CommandLineTests.run(["clean", "--output", "mine"], in: root)
        #expect(refused.status != 0)
        #expect(refused.stdout.contains("refusing to remove \(root.path)/mine"))
        #expect(refused.stdout.contains("nothing was removed"))
        #expect(Self.exists(root.appendingPathComponent(".tutorial-cache")))
        #expect(Self.listing(root.appendingPathComponent("mine")) == ["notes.txt"])

        let clean = try CommandLineTests.run(["clean"], in: root)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("removed the book \(root.path)/output"))
        #expect(clean.stdout.contains("removed the results cache \(root.path)/.tutorial-cache"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["chapters", "mine"])

        let again = try CommandLineTests.run(["clean"], in: root)
        #expect(again.status == 0)
        #expect(again.stdout.contains("no book at"))
    }

    @Test func cleanRefusesTheCurrentFolderEvenIfStamped() throws {
        let root = try Self.book()
        #expect(try CommandLineTests.run(["build"], in: root).status == 0)
        let output = root.appendingPathComponent("output")
        let result = try CommandLineTests.run(["clean", "--chapters", "../chapters", "--output", "."], in: output)
        #expect(result.status != 0)
        #expect(result.stdout.contains("it is the current folder"))
        #expect(Self.exists(output.appendingPathComponent("index.html")))
    }
}

/// Two commands on one book at once: the second waits for the first, saying who it is.
@Suite struct BookLockTests {
    @Test func aSecondBuildAndACleanWaitForTheFirst() async throws {
        let root = try OutputSafetyTests.book()
        let gate = root.appendingPathComponent("go")
        let started = root.appendingPathComponent("started")
        // The chapter waits for the test to open the gate: no timing assumptions.
        try """
        # Gate

        ```swift run timeout=300
        FileManager.default.createFile(atPath: "\(started.path)", contents: nil)
        while !FileManager.default.fileExists(atPath: "\(gate.path)") { usleep(20_000) }
        print("through")
        ```

        """.write(to: root.appendingPathComponent("chapters/02-gate.md"), atomically: true, encoding: .utf8)

        func launch(_ arguments: [String], log: String) throws -> Process {
            let process = Process()
            process.executableURL = try CommandLineTests.tutorial()
            process.arguments = arguments
            process.currentDirectoryURL = root
            FileManager.default.createFile(atPath: root.appendingPathComponent(log).path, contents: nil)
            let handle = try FileHandle(forWritingTo: root.appendingPathComponent(log))
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            return process
        }
        func log(_ name: String) -> String {
            (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        func waitFor(_ what: String, _ condition: () -> Bool) async throws {
            var waited = 0.0
            while !condition() && waited < 120 {
                try await Task.sleep(for: .milliseconds(100))
                waited += 0.1
            }
            #expect(condition(), "timed out waiting for \(what)")
        }

        let first = try launch(["build", "--output", "site"], log: "first.log")
        try await waitFor("the first build's chapter to start") { FileManager.default.fileExists(atPath: started.path) }
        let second = try launch(["build", "--output", "site"], log: "second.log")
        let clean = try launch(["clean", "--output", "site"], log: "clean.log")
        try await waitFor("the second build to wait") {
            log("second.log").contains("waiting for process \(first.processIdentifier) (tutorial build)")
        }
        try await waitFor("clean to wait") { log("clean.log").contains("waiting for process") }
        #expect(second.isRunning && clean.isRunning)

        try "".write(to: gate, atomically: true, encoding: .utf8)
        for process in [first, second, clean] { process.waitUntilExit() }
        #expect(first.terminationStatus == 0, "\(log("first.log"))")
        #expect(second.terminationStatus == 0, "\(log("second.log"))")
        #expect(clean.terminationStatus == 0, "\(log("clean.log"))")
        #expect(!log("second.log").contains("cannot"), "\(log("second.log"))")
    }
}
