import Foundation
import Testing

@testable import Book

@Suite struct RuntimeLocationTests {
    @Test func missingRuntimeSaysHowToBuildIt() {
        #expect {
            _ = try RuntimeLocation.find(environment: ["TUTORIAL_RUNTIME_DIR": "/nonexistent/bin"])
        } throws: { error in
            "\(error)".contains("/nonexistent/bin") && "\(error)".contains("swift build -c release")
        }
    }

    /// Chapter programs compile against the build products alone: the runtime's modules
    /// name no C module a program would have to find (the engine and plotting import
    /// their C libraries implementation-only).
    @Test func runtimeNextToTheTestsIsAllAProgramNeeds() throws {
        let runtime = try RuntimeLocation.find(environment: [:])
        #expect(FileManager.default.fileExists(atPath: runtime.library.path))
        let chapter = Chapter.parse(
            "```swift run\nlet m = Matrix<Float>([[1, 2], [3, 4]])\nprint(m.dot(m).sum())\n```\n",
            url: URL(fileURLWithPath: "/t/01-c.md"), path: "chapters/01-c.md")
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("runtime-\(UUID().uuidString.prefix(8))")
        let result = ChapterRunner(runtime: runtime, workDirectory: work).run(chapter)
        #expect(chapter.failures(of: result).isEmpty, "\(chapter.failures(of: result))")
        #expect(result.blocks.first?.items.first.map { if case .text(let t) = $0 { t } else { "" } } == "54.0\n")
    }
}
