import Foundation
import Testing

@testable import Book

/// A book with a Korean edition, built end to end: one run for both editions, the
/// Korean pages, the checks, and what a prose edit re-renders.
@Suite struct EditionBuildTests {
    static let shared = Task { () throws -> (TestBook, EventRecorder) in
        let recorder = EventRecorder()
        let book = try await TestBook.build(root: try TestBook.copy("editions"), observer: recorder)
        return (book, recorder)
    }

    func koPage(_ book: TestBook, _ name: String) throws -> String {
        try String(contentsOf: book.output.appendingPathComponent("ko/" + name), encoding: .utf8)
    }

    @Test func bothEditionsComeFromOneRun() async throws {
        let (book, recorder) = try await Self.shared.value
        #expect(recorder.events.filter { $0.hasPrefix("start") }.sorted() == ["start 01-learning-rate", "start 02-momentum"])
        #expect(book.report.failed == 0, "\(book.report.failureLines)")
        // The cache holds the source chapters only.
        let cached = try FileManager.default.contentsOfDirectory(atPath: book.cache.appendingPathComponent("results").path)
        #expect(cached.sorted() == ["01-learning-rate.json", "02-momentum.json"])

        let english = try book.page("01-learning-rate")
        let korean = try koPage(book, "01-learning-rate.html")
        let printed = try #require(english.range(of: "after 40 steps: [^<]*", options: .regularExpression))
        #expect(korean.contains(String(english[printed])), "the Korean page shows the English run's printed output")
        #expect(korean.contains("<html lang=\"ko\""))
        #expect(korean.contains("<p class=\"chapter-label\">1장</p>"))
        #expect(korean.contains("<caption>표 1. 학습률마다 이르는 곳</caption>"))
        #expect(korean.contains("<th>학습률</th><th>결과</th><th>최종 |w|</th>"))
        #expect(korean.contains("<td>느림</td>"))
        #expect(korean.contains("학습률 0.3이 최솟값에 더 가까이 이른다"))
        #expect(korean.contains("<figcaption>그림 1. 학습률마다 최솟값에 다가가는 빠르기</figcaption>"))
        #expect(korean.contains(">최솟값까지의 거리</text>") && korean.contains(">학습률 0.01</text>"))
        #expect(!korean.contains(">Distance to the minimum</text>"))
        #expect(korean.contains("<summary>코드</summary>"))
        #expect(korean.contains("href=\"../assets/book.css\""))
        #expect(korean.contains("data-search-index=\"../assets/search-index.ko.js\""))
        // The switch leads to the same page, by section.
        #expect(korean.contains("<a class=\"language-link\" href=\"../01-learning-rate.html\" hreflang=\"en\" lang=\"en\""))
        #expect(
            korean.contains(
                "data-anchors=\"학습률=the-learning-rate 세-가지-학습률=three-learning-rates 어디에-이르는가=what-they-reach 곡선=the-curves block-1 rates block-3 fig-curves tab-ends\""
            ))
        #expect(english.contains("<a class=\"language-link\" href=\"ko/01-learning-rate.html\" hreflang=\"ko\" lang=\"ko\""))
        #expect(english.contains("학습률=the-learning-rate") == false)
        #expect(english.contains("the-learning-rate=학습률"))
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains("<caption>Table 1. Where each learning rate ends</caption>"))

        // Not translated yet: the English chapter, marked, in the Korean edition.
        let momentum = try koPage(book, "02-momentum.html")
        #expect(
            momentum.contains(
                "<article class=\"chapter\" lang=\"en\"><p class=\"untranslated-note\" lang=\"ko\">이 쪽은 아직 번역되지 않아 원문(English) 그대로 보여 줍니다.</p>"))
        #expect(momentum.contains("모멘텀이 w를 움직인다"))
        let edition = try #require(book.report.editions.first)
        #expect(edition.untranslated == ["chapters/02-momentum.md"])
        #expect(edition.chapters.map(\.upToDate) == [true])
        #expect(edition.summary.contains("1 of 2 chapter(s) translated"))

        // The glossary, the Korean landing page, search and the catalog template.
        let glossary = try koPage(book, "glossary.html")
        #expect(glossary.contains("<h1 id=\"용어집\">용어집</h1>"))
        #expect(try koPage(book, "index.html").contains("<a href=\"glossary.html\">용어집</a>"))
        let search = try String(contentsOf: book.output.appendingPathComponent("assets/search-index.ko.js"), encoding: .utf8)
        #expect(search.contains("학습률이 너무 작으면"))
        let template = try koPage(book, "results.pot")
        #expect(template.contains("#: chapters/01-learning-rate.md:") && template.contains("msgid \"Where each learning rate ends\""))
        #expect(try Catalog.parse(template, path: "results.pot").entries.count >= 12)
    }

    @Test func addingAnEditionChangesNoCacheKey() async throws {
        let root = try TestBook.copy("editions")
        let settings = root.appendingPathComponent("chapters/book.toml")
        let aside = root.appendingPathComponent("book.toml")
        try FileManager.default.moveItem(at: settings, to: aside)
        let plain = try await TestBook.build(root: root)
        #expect(plain.report.editions.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: plain.output.appendingPathComponent("ko").path))
        try FileManager.default.moveItem(at: aside, to: settings)
        let recorder = EventRecorder()
        let withEdition = try await TestBook.build(root: root, observer: recorder)
        #expect(withEdition.report.chapters.map(\.cached) == [true, true])
        #expect(!recorder.events.contains { $0.hasPrefix("start") })
        #expect(FileManager.default.fileExists(atPath: withEdition.output.appendingPathComponent("ko/01-learning-rate.html").path))
    }

    /// Every file of the output, by path, with its bytes.
    static func files(_ output: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileCopier.relativeFiles(under: output) {
            files[path] = FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
        }
        return files
    }

    @Test func aProseEditReRendersOnlyItsEditionsPage() async throws {
        let root = try TestBook.copy("editions")
        let before = Self.files(try await TestBook.build(root: root).output)
        let file = root.appendingPathComponent("chapters/ko/01-learning-rate.md")
        try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "장을 차례대로", with: "장을 차례대로")
            .replacingOccurrences(of: "학습률을 키우면", with: "학습률을 알맞게 키우면")
            .write(to: file, atomically: true, encoding: .utf8)
        let recorder = EventRecorder()
        let book = try await TestBook.build(root: root, observer: recorder)
        #expect(!recorder.events.contains { $0.hasPrefix("start") })
        let after = Self.files(book.output)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed == ["assets/search-index.ko.js", "ko/01-learning-rate.html"])
        #expect(try koPage(book, "01-learning-rate.html").contains("학습률을 알맞게 키우면"))
    }

    @Test func strictEditionsFailsForChaptersNotTranslated() async throws {
        let root = try TestBook.copy("editions")
        var options = TestBook.options(root: root)
        options.strictEditions = true
        let report = try await BookBuilder(options: options, runtime: try TestBook.runtime()).build()
        #expect(
            report.failureLines == [
                "chapters/ko: error: chapters/02-momentum.md is not translated (no chapters/ko/02-momentum.md); --strict-editions makes that a failure"
            ])
        #expect(report.failed == 1)
    }

    @Test func driftAndCatalogProblemsFailTheCheck() async throws {
        let root = try TestBook.copy("editions")
        let file = root.appendingPathComponent("chapters/ko/01-learning-rate.md")
        try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "steps: 40)\nprint", with: "steps: 50)\nprint")
            .write(to: file, atomically: true, encoding: .utf8)
        let catalog = root.appendingPathComponent("chapters/ko/results.po")
        try
            (String(contentsOf: catalog, encoding: .utf8)
            .replacingOccurrences(of: "msgid \"slow\"\nmsgstr \"느림\"", with: "msgid \"slow\"\nmsgstr \"\"")
            + "\nmsgid \"a caption no block makes\"\nmsgstr \"없는 캡션\"\n")
            .write(to: catalog, atomically: true, encoding: .utf8)
        let book = try await TestBook.build(root: root)
        let lines = book.report.failureLines
        #expect(lines.count == 3, "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "chapters/ko/01-learning-rate.md:7:1: error: the translation is out of date: this block is block 1 of the source, chapters/01-learning-rate.md:7, edited: its code differs"
                )
            })
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "chapters/ko/01-learning-rate.md:23:1: error: no translation: \"slow\" (table cell, block 2 of chapters/01-learning-rate.md) has an empty msgstr in chapters/ko/results.po:"
                )
            })
        #expect(
            lines.contains {
                $0.hasPrefix("chapters/ko/results.po:") && $0.contains("stale entry: no experiment produces \"a caption no block makes\"")
            })
        // The out-of-date block shows no result, and the page says why.
        let korean = try koPage(book, "01-learning-rate.html")
        #expect(korean.contains("보이지 않음: 이 블록이 원문 장의 블록과 달라 번역이 최신이 아닙니다"))
        #expect(korean.contains("failure-banner"))
        #expect(book.report.chapters.allSatisfy { $0.failed == 0 }, "the source chapters are fine")
    }
}

/// Builds the fixture book with its Korean edition into `$EDITIONS_SAMPLE_DIR` when it is
/// set, for the browser check (`scripts/check-book-in-browser.sh`) to look at both
/// editions:
///
///     EDITIONS_SAMPLE_DIR=/tmp/editions-book swift test --filter EditionSample
@Suite("EditionSample")
struct EditionSample {
    @Test func writeEditionsBook() async throws {
        guard let path = ProcessInfo.processInfo.environment["EDITIONS_SAMPLE_DIR"], !path.isEmpty else { return }
        let root = try TestBook.copy("editions")
        var options = TestBook.options(root: root)
        options.output = URL(fileURLWithPath: path)
        let report = try await BookBuilder(options: options, runtime: try TestBook.runtime()).build()
        #expect(report.failed == 0, "\(report.failureLines)")
        #expect(FileManager.default.fileExists(atPath: path + "/ko/index.html"))
    }
}
