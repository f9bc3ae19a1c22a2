import Testing

@testable import Book

@Suite struct DiagnosticsParsingTests {
    @Test func compilerErrorsWithNotes() {
        let text = """
            03-x.md:12:5: error: cannot find 'foo' in scope
            03-x.md:12:5: note: did you mean 'for'?
            /tmp/main.swift:3:1: error: something in generated code
            03-x.md:20:1: warning: ignored
            """
        let errors = ChapterCompiler.parseErrors(text, sourceName: "03-x.md")
        #expect(errors.count == 2)
        #expect(errors[0].line == 12 && errors[0].column == 5)
        #expect(errors[0].message == "error: cannot find 'foo' in scope\n  note (line 12): did you mean 'for'?")
        #expect(errors[1].line == nil)
    }

    @Test func fatalErrorLine() {
        let parsed = TrapReport.parse(
            "Chapter/03-x.md:43: Fatal error: boom 6\n\n*** Program crashed: Illegal instruction ***\n", sourceName: "03-x.md")
        #expect(parsed.message == "error: Fatal error: boom 6")
        #expect(parsed.line == 43)
    }

    @Test func backtraceFrame() {
        let stderr = """
            *** Swift runtime failure: precondition failure ***
            Thread 0 "chapter" crashed:
              0 [inlined] [system] 0x000055c39b7492a2 Swift runtime failure: precondition failure in chapter at //<compiler-generated>
              1                    0x000055c39b7492a2 main + 738 in chapter at /tmp/x/main.swift:43:7
            """
        let parsed = TrapReport.parse(stderr, sourceName: "03-x.md")
        #expect(parsed.message == "error: Swift runtime failure: precondition failure")
        #expect(parsed.line == 43 && parsed.column == 7)
    }

    @Test func linkChecker() throws {
        let out = try TestBook.make([:]).appendingPathComponent("chapters")
        try "<svg/>".write(to: out.appendingPathComponent("dot.svg"), atomically: true, encoding: .utf8)
        func page(_ slug: String, links: [String], anchors: Set<String>) -> ChapterPage {
            var page = ChapterPage(slug: slug, title: slug, sections: [], bodyHTML: "", search: [])
            (page.links, page.anchors) = (links, anchors)
            return page
        }
        let site = BookSite(
            title: "T", landing: LandingPage(),
            chapters: [
                page("a", links: ["b.html#x", "#top", "https://e.org", "dot.svg", "gone.svg"], anchors: ["top"]),
                page("b", links: ["a.html#gone", "c.html", "a.html#top"], anchors: ["y"]),
            ])
        #expect(
            LinkChecker.brokenLinks(in: site, output: out) == [
                "a.html: b.html#x (no element with id 'x')",
                "a.html: gone.svg (no such file)",
                "b.html: a.html#gone (no element with id 'gone')",
                "b.html: c.html (no such file)",
            ])
    }
}

@Suite struct TrapFrameTests {
    @Test func engineFrameIsNamedWhenTheChapterFrameIsMissing() {
        let stderr = """
            *** Swift runtime failure: precondition failure ***
              0 [inlined] [system] 0x00007f83f378e861 Swift runtime failure: precondition failure in libNotebookRuntime.so at //<compiler-generated>
              1 [thunk]            0x00007f83f378e861 Dataset.init(inputs:labels:classCount:) + 65 in libNotebookRuntime.so at /work/x/Sources/NeuralEngine/Dataset.swift:8:9
              2 [ra]               0x80000004ffffffff
            """
        let parsed = TrapReport.parse(stderr, sourceName: "01-a.md")
        #expect(parsed.message == "error: Swift runtime failure: precondition failure")
        #expect(parsed.line == nil)
        #expect(parsed.callee == "Dataset.init(inputs:labels:classCount:) (Sources/NeuralEngine/Dataset.swift:8)")
    }

    @Test func uncaughtErrorReadsAsSuch() {
        let parsed = TrapReport.parse("Swift/ErrorType.swift:254: Fatal error: Error raised at top level: Chapter.Oops()\n", sourceName: "01-a.md")
        #expect(parsed.message == "error: uncaught error: Oops()")
        #expect(parsed.line == nil)
    }
}
