import Foundation
import Notebook

/// `tutorial run`: runs one chapter and prints its results as text: printed output,
/// tables aligned, the files its figures were written to, expectations ✓/✗, and errors
/// as `path:LINE:COL: message`.
public struct TerminalResults: Sendable {
    public var chapter: Chapter
    public var figureDirectory: URL
    public var limits = RunLimits()

    public init(chapter: Chapter, figureDirectory: URL) {
        self.chapter = chapter; self.figureDirectory = figureDirectory
    }

    /// Runs the chapter, prints its results to standard output, and returns whether
    /// anything failed.
    public func run(runtime: RuntimeLocation) async -> Bool {
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tutorial-run")
        let runner = ChapterRunner(runtime: runtime, limits: limits, workDirectory: work)
        let progress = ConsoleProgress()
        progress.handle(.planned([(chapter.slug, nil)]))
        progress.handle(.chapterStarted(slug: chapter.slug))
        let chapter = self.chapter
        let result: ChapterResult = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: runner.run(chapter) { progress.handle(.chapter(slug: chapter.slug, $0)) })
            }.start()
        }
        progress.finish()
        Swift.print(render(result), terminator: "")
        return result.hasFailures
    }

    /// The text printed for a result (figures are written to files as a side effect).
    public func render(_ result: ChapterResult) -> String {
        var out = ""
        if let error = result.chapterError { out += error + "\n" }
        var figureNumber = 0
        var tableNumber = 0
        for block in chapter.blocks {
            let r = result.blocks.indices.contains(block.index) ? result.blocks[block.index] : BlockResult(status: .notRun)
            out += "── block \(block.index + 1) (\(chapter.path):\(block.fenceLine)) ──\n"
            for item in r.items {
                switch item {
                case .text(let text):
                    out += text.hasSuffix("\n") ? text : text + "\n"
                case .note(let note):
                    out += "[\(note)]\n"
                case .table(let table):
                    tableNumber += 1
                    var t = table
                    t.caption = "Table \(tableNumber).\(table.caption.map { " " + $0 } ?? "")"
                    out += TextTable.render(t) + "\n"
                case .figure(let figure):
                    figureNumber += 1
                    let name = "figure-\(figureNumber)\(figure.id.map { "-" + $0 } ?? "").svg"
                    let url = figureDirectory.appendingPathComponent(name)
                    do {
                        try FileManager.default.createDirectory(at: figureDirectory, withIntermediateDirectories: true)
                        try figure.svg.write(to: url, atomically: true, encoding: .utf8)
                        out += "Figure \(figureNumber).\(figure.caption.map { " " + $0 } ?? "") → \(url.path)\n"
                    } catch {
                        out += "Figure \(figureNumber): cannot write \(url.path): \(error)\n"
                    }
                case .expectation(let e, let location):
                    out += e.passed ? "✓ " : "✗ "
                    out += e.claim
                    if let detail = e.detail { out += " (\(detail))" }
                    if !e.passed { out += " — \(location.map { chapter.describe($0) } ?? chapter.path): expectation failed" }
                    out += "\n"
                }
            }
            if let failure = r.failure {
                if r.status == .failed {
                    let location = failure.location.map { chapter.describe($0) } ?? "\(chapter.path):\(block.codeLine):\(block.column)"
                    out += "\(location): \(failure.message)\n"
                } else {
                    out += "(\(failure.message))\n"
                }
            }
        }
        return out
    }
}
