import Foundation
import Testing

@testable import Book

/// The book's search, as the browser runs it (lunr with the theme's korean-search.js and
/// search.js), run in Node: Korean words are found with their particles attached.
@Suite struct KoreanSearchTests {
    struct Output: Decodable {
        var results: [String: [String]]
        var stems: [String: String]
    }

    static func run(docs: [[String: String?]], queries: [String], stems: [String]) throws -> Output {
        guard let node = ["/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("node not found: install Debian's nodejs (scripts/setup-system.sh)")
            throw BookError.io("no node")
        }
        let theme = Theme(user: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [
            TestBook.fixtures.appendingPathComponent("search/run-search.js").path,
            "/usr/share/javascript/lunr/lunr.min.js",
            try theme.url("assets/korean-search.js").path, try theme.url("assets/search.js").path,
        ]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let request: [String: Any] = ["docs": docs.map { $0.mapValues { $0 ?? NSNull() as Any } }, "queries": queries, "stems": stems]
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
        return try JSONDecoder().decode(Output.self, from: data)
    }

    @Test func particlesAreStrippedWhereTheyCanBeParticles() throws {
        let expected = [
            "학습률이": "학습률", "학습률을": "학습률", "학습률의": "학습률", "학습률에서는": "학습률", "학습률만을": "학습률",
            "데이터가": "데이터", "모델과": "모델", "신경망으로": "신경망", "초깃값은": "초깃값", "가중치도": "가중치",
            "매개변수를": "매개변수", "Adam을": "Adam", "SGD는": "SGD", "오버피팅을": "오버피팅",
            // Words whose last syllable only looks like a particle keep it.
            "결과": "결과", "효과": "효과", "정의": "정의", "차이": "차이", "길이": "길이", "정확도": "정확도",
            "속도": "속도", "평가": "평가", "경로": "경로", "정확도도": "정확도", "차이가": "차이",
            "learning": "learning",
        ]
        let output = try Self.run(docs: [], queries: [], stems: Array(expected.keys))
        for (word, stem) in expected { #expect(output.stems[word] == stem, "\(word)") }
    }

    @Test func aWordIsFoundWithAnyParticle() throws {
        let docs: [[String: String?]] = [
            ["url": "ko/01.html#a", "title": "학습률", "section": "학습률 고르기", "text": "학습률을 키우면 매개변수 갱신이 빨라진다."],
            ["url": "ko/02.html#b", "title": "가중치 감소", "section": nil, "text": "가중치가 커지지 않도록 규제한다. 결과가 좋아진다."],
            ["url": "ko/03.html", "title": "배치 정규화", "section": nil, "text": "Adam은 모멘텀을 쓴다."],
        ]
        let output = try Self.run(
            docs: docs, queries: ["학습률이", "학습률", "학습률에서는", "가중치는", "결과", "adam을", "정규화가", "없는말"],
            stems: [])
        #expect(output.results["학습률이"]?.first == "ko/01.html#a")
        #expect(output.results["학습률"]?.first == "ko/01.html#a")
        #expect(output.results["학습률에서는"]?.first == "ko/01.html#a")
        #expect(output.results["가중치는"] == ["ko/02.html#b"])
        #expect(output.results["결과"] == ["ko/02.html#b"])
        #expect(output.results["adam을"] == ["ko/03.html"])
        #expect(output.results["정규화가"] == ["ko/03.html"])
        #expect(output.results["없는말"] == [])
    }
}
