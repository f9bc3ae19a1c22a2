import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `tutorial serve` end to end: the real executable on a copy of a fixture book, on a
/// free port, driven by editing the chapter files as an author would.
@Suite struct ServeTests {
    /// The chapter's entry in a `state` event.
    static func chapterState(_ json: String, slug: String) -> [String: Any]? {
        guard let state = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let chapters = state["chapters"] as? [[String: Any]]
        else { return nil }
        return chapters.first { $0["slug"] as? String == slug }
    }

    static func failures(_ chapter: [String: Any]?) -> [String] {
        (chapter?["failures"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
    }

    @Test func editsReachTheServedPage() async throws {
        let book = try ServedBook(fixture: "serve")
        defer { _ = book.interrupt() }
        let events = try EventListener(port: book.port)
        // The server answers at once; the chapter's first run is announced when done.
        let idle = try await events.wait(for: "state", since: .distantPast) { !$0.contains("\"run\":") }
        #expect(idle != nil, "the first run never ended")

        // The index and a chapter, with the preview's script; the written book without it.
        let index = try book.get("/")
        #expect(index.status == 200)
        #expect(index.headers["content-type"] == "text/html; charset=utf-8")
        #expect(index.body.contains("Serve fixture"))
        #expect(index.body.contains("/.tutorial-serve/live.js"))
        let page = try book.get("/01-sums.html")
        #expect(page.status == 200)
        #expect(page.body.contains("total = 210"))
        #expect(page.body.contains("/.tutorial-serve/live.js"))
        #expect(book.outputFile("01-sums.html")?.contains("total = 210") == true)
        #expect(book.outputFile("01-sums.html")?.contains("tutorial-serve") == false)
        #expect(try book.get("/.tutorial-serve/live.js").body.contains("EventSource"))

        // A prose edit: re-rendered without compiling, announced within a second.
        let proseSaved = Date()
        try book.edit("01-sums.md") { $0.replacingOccurrences(of: "The first sentence stays.", with: "The first sentence changed.") }
        let prose = try await events.wait(for: "reload", since: proseSaved, timeout: 30) { $0.contains("01-sums.html") }
        #expect(prose != nil, "no reload event for the prose edit")
        if let prose {
            let seconds = prose.arrived.timeIntervalSince(proseSaved)
            #expect(seconds < 1, "the prose edit took \(seconds) s to reach the page")
        }
        #expect(try book.get("/01-sums.html").body.contains("The first sentence changed."))
        #expect(
            !events.events.contains { $0.name == "state" && $0.arrived >= proseSaved && $0.data.contains("compiling") },
            "a prose edit compiled the chapter")

        // A code edit: the chapter reruns, its progress is sent, the new output is served.
        let codeSaved = Date()
        try book.edit("01-sums.md") { $0.replacingOccurrences(of: #"print("total =", total)"#, with: #"print("the total is", total)"#) }
        let progress = try await events.wait(for: "state", since: codeSaved) {
            let run = Self.chapterState($0, slug: "01-sums")?["run"] as? [String: Any]
            return run?["phase"] as? String == "running" && run?["block"] as? Int == 1 && run?["blocks"] as? Int == 1
        }
        #expect(progress != nil, "no state event said block 1 of 1 was running")
        let rerun = try await events.wait(for: "reload", since: codeSaved) { $0.contains("01-sums.html") }
        #expect(rerun != nil)
        #expect(try book.get("/01-sums.html").body.contains("the total is 210"))

        // A compile error: an event and the page's text name file:line, while the page
        // served is still the last good one.
        let brokenSaved = Date()
        try book.edit("01-sums.md") { $0.replacingOccurrences(of: "var total = 0\n", with: "var total = 0\nlet broken: Int = \"text\"\n") }
        let broken = try await events.wait(for: "state", since: brokenSaved) {
            Self.failures(Self.chapterState($0, slug: "01-sums")).contains { $0.hasPrefix("chapters/01-sums.md:9:") }
        }
        #expect(broken != nil, "no state event named chapters/01-sums.md:9")
        if let broken {
            #expect(Self.chapterState(broken.data, slug: "01-sums")?["showingLastGood"] as? Bool == true)
        }
        let during = try book.get("/01-sums.html").body
        #expect(during.contains("the total is 210"), "the last good results are not served during the error")
        #expect(!during.contains("did not compile"))
        // The written book is what `build` writes: the failing page, naming the line.
        #expect(try await eventually(timeout: 10) { book.outputFile("01-sums.html")?.contains("chapters/01-sums.md:9:") == true })

        // The fix (the earlier code, cached): the failures go, the page is the new one.
        let fixSaved = Date()
        try book.edit("01-sums.md") { $0.replacingOccurrences(of: "let broken: Int = \"text\"\n", with: "") }
        let fixed = try await events.wait(for: "state", since: fixSaved) {
            guard let chapter = Self.chapterState($0, slug: "01-sums") else { return false }
            return Self.failures(chapter).isEmpty && chapter["showingLastGood"] as? Bool == false
        }
        #expect(fixed != nil)
        #expect(try book.get("/01-sums.html").body.contains("the total is 210"))
    }

    @Test func aBuildOfTheSameBookWaitsForTheServer() throws {
        let book = try ServedBook(fixture: "serve")
        let build = Process()
        build.executableURL = try CommandLineTests.tutorial()
        build.arguments = ["build"]
        build.currentDirectoryURL = book.root
        let errors = Pipe()
        build.standardError = errors
        build.standardOutput = FileHandle.nullDevice
        try build.run()
        var said = ""
        let deadline = Date().addingTimeInterval(60)
        while !said.contains("tutorial serve"), Date() < deadline {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        #expect(said.contains("waiting for") && said.contains("tutorial serve"), "the build said: \(said)")
        #expect(build.isRunning, "the build did not wait for the server's lock")
        #expect(book.interrupt() == 128 + SIGINT)
        build.waitUntilExit()
        #expect(build.terminationStatus == 0)
    }

    @Test func servesOnlyTheBook() throws {
        let book = try ServedBook(fixture: "serve")
        defer { _ = book.interrupt() }
        let outside = [
            "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E%2FPackage.swift",
            "/../chapters/01-sums.md", "/%2e%2e/chapters/01-sums.md", "/..%2fchapters%2f01-sums.md",
            "/assets/../../chapters/01-sums.md", "/assets/%2e%2e/%2e%2e/chapters/01-sums.md",
            "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..\\chapters\\01-sums.md", "/index.html%00.md",
        ]
        for target in outside {
            let reply = try book.get(target)
            #expect(reply.status == 403 || reply.status == 404, "\(target) answered \(reply.status)")
            #expect(!reply.body.contains("swift run") && !reply.body.contains("root:"), "\(target) leaked a file")
        }
        // A symbolic link in the output that leads out of it.
        try FileManager.default.createSymbolicLink(
            atPath: book.root.appendingPathComponent("output/leak").path,
            withDestinationPath: book.chapters.path)
        let leak = try book.get("/leak/01-sums.md")
        #expect(leak.status == 403)
        #expect(!leak.body.contains("swift run"))

        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let reply = try book.get("/index.html", method: method)
            #expect(reply.status == 405, "\(method) answered \(reply.status)")
            #expect(reply.headers["allow"] == "GET, HEAD")
        }
        let head = try book.get("/index.html", method: "HEAD")
        #expect(head.status == 200)
        #expect(Int(head.headers["content-length"] ?? "") ?? 0 > 0)
        #expect(head.body.isEmpty)
        #expect(try book.get("/no-such-page.html").status == 404)

        // Pages are never cached; other files are revalidated by their entity tags.
        #expect(try book.get("/index.html").headers["cache-control"] == "no-store")
        let css = try book.get("/assets/book.css")
        let tag = try #require(css.headers["etag"])
        #expect(css.headers["cache-control"] == "no-cache")
        #expect(try book.get("/assets/book.css", headers: ["If-None-Match": tag]).status == 304)
        #expect(try book.get("/assets/book.css", headers: ["If-None-Match": "\"other\""]).status == 200)

        let fonts = book.root.appendingPathComponent("output/assets/katex/fonts")
        let font = try #require(try FileManager.default.contentsOfDirectory(atPath: fonts.path).first { $0.hasSuffix(".woff2") })
        let types = [
            "/images/dot.svg": "image/svg+xml", "/assets/book.css": "text/css; charset=utf-8",
            "/assets/book.js": "text/javascript; charset=utf-8", "/assets/katex/fonts/\(font)": "font/woff2",
            "/search.html?q=sums": "text/html; charset=utf-8",
        ]
        for (target, type) in types {
            let reply = try book.get(target)
            #expect(reply.status == 200, "\(target) answered \(reply.status)")
            #expect(reply.headers["content-type"] == type, "\(target) served as \(reply.headers["content-type"] ?? "nothing")")
        }
    }

    /// Chapter programs running from under `folder`, by process id: processes whose
    /// executable is a `chapter` there (not the compiler or linker making one).
    static func programs(under folder: String) -> Set<String> {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return Set(
            entries.filter { pid in
                guard Int(pid) != nil,
                    let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
                else { return false }
                return exe.hasPrefix(folder) && (exe.hasSuffix("/chapter") || exe.hasSuffix("/chapter (deleted)"))
            })
    }

    @Test func anEditDuringARunCancelsItAndCtrlCStopsEverything() async throws {
        let loop = """
            # Loop

            ```swift run timeout=300
            var i = 0
            while true { i += 1; progress(i % 100, of: 100, label: "spinning"); usleep(1000) }
            ```
            """
        let book = try ServedBook(files: ["01-loop.md": loop])
        let programs = book.root.path + "/.tutorial-cache/build/"
        #expect(try await eventually { Self.programs(under: programs).count == 1 }, "the chapter program never started")
        let first = Self.programs(under: programs)

        // Saved again while it runs: that run is cancelled, its program killed, and the
        // new version starts; never two at once.
        try book.edit("01-loop.md") { $0.replacingOccurrences(of: "spinning", with: "turning") }
        var counts: Set<Int> = []
        let restarted = try await eventually {
            let now = Self.programs(under: programs)
            counts.insert(now.count)
            return now.count == 1 && now != first
        }
        #expect(restarted, "the run was not restarted")
        #expect(!counts.contains { $0 > 1 }, "the old run's program outlived the edit")

        // Ctrl-C: the server and the chapter program stop; the output is complete.
        #expect(book.interrupt() == 128 + SIGINT)
        try await Task.sleep(for: .milliseconds(300))
        #expect(Self.programs(under: programs).isEmpty)
        #expect(InterruptTests.processes(matching: programs).isEmpty)
        #expect(FileManager.default.fileExists(atPath: book.root.appendingPathComponent("output/index.html").path))
        #expect(FileManager.default.fileExists(atPath: book.root.appendingPathComponent("output/01-loop.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.root.path).filter { $0.hasPrefix(".output.") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }
}
