import Foundation
import NotebookProtocol

/// `tutorial run`: runs one chapter and prints its results as they arrive: printed
/// output, tables aligned, the files its figures were written to, expectations ✓/✗, and
/// errors as `path:LINE:COL: message`.
public struct TerminalResults: Sendable {
    public var chapter: Chapter
    public var figureDirectory: URL
    public var limits = RunLimits()

    public init(chapter: Chapter, figureDirectory: URL) {
        self.chapter = chapter
        self.figureDirectory = figureDirectory
    }

    /// Runs the chapter, prints its results to standard output, and returns whether
    /// anything failed.
    public func run(runtime: RuntimeLocation) async -> Bool {
        let work: ScratchFolder
        do { work = try ScratchFolder.make() } catch {
            Swift.print("\(chapter.path): error: \(error)")
            return true
        }
        defer { work.remove() }
        // The one chapter gets every core: its program runs on one token and its
        // replicates may take the rest.
        let jobserver = Jobserver(tokens: ProcessInfo.processInfo.activeProcessorCount)
        let runner = ChapterRunner(runtime: runtime, limits: limits, workDirectory: work.url, jobserver: jobserver)
        let progress = ConsoleProgress()
        progress.handle(.chapterStarted(slug: chapter.slug))
        let printer = Printer(self)
        let chapter = self.chapter
        let result: ChapterResult = await withCheckedContinuation { continuation in
            Thread {
                jobserver.acquire()
                defer { jobserver.release() }
                continuation.resume(
                    returning: runner.run(chapter) { event in
                        if case .item(let block, let item) = event {
                            progress.printAbove(printer.text(for: item, in: block))
                        } else {
                            progress.handle(.chapter(slug: chapter.slug, event))
                        }
                    })
            }.start()
        }
        progress.finish()
        Swift.print(printer.finish(result), terminator: "")
        return !chapter.failures(of: result).isEmpty
    }

    /// The whole text for a result at once (what streaming prints, in one piece).
    public func render(_ result: ChapterResult) -> String {
        let printer = Printer(self)
        var out = ""
        for block in result.blocks.indices {
            for item in result.blocks[block].items { out += printer.text(for: item, in: block) }
        }
        return out + printer.finish(result)
    }

    /// Turns items into text as they come, numbering figures and tables and heading each
    /// block once.
    final class Printer: @unchecked Sendable {
        private let owner: TerminalResults
        private let lock = NSLock()
        private var headed = -1
        private var figureNumber = 0
        private var tableNumber = 0
        private var endsWithNewline = true

        init(_ owner: TerminalResults) { self.owner = owner }

        private var chapter: Chapter { owner.chapter }

        private func headings(through block: Int) -> String {
            var out = ""
            while headed < block {
                headed += 1
                if !endsWithNewline {
                    out += "\n"
                    endsWithNewline = true
                }
                if chapter.blocks.indices.contains(headed) {
                    out += "── block \(headed + 1) (\(chapter.path):\(chapter.blocks[headed].fenceLine)) ──\n"
                }
            }
            return out
        }

        func text(for item: ResultItem, in block: Int) -> String {
            lock.lock()
            defer { lock.unlock() }
            var out = headings(through: block)
            var line: String
            switch item {
            case .text(let text):
                out += text
                endsWithNewline = text.hasSuffix("\n")
                return out
            case .note(let note):
                line = "[\(note)]"
            case .table(let table):
                tableNumber += 1
                var t = table
                t.caption = "Table \(tableNumber).\(table.caption.map { " " + $0 } ?? "")"
                line = TextTable.render(t)
            case .figure(let figure, let location) where figure.error != nil:
                figureNumber += 1
                line = "✗ Figure \(figureNumber) could not be drawn: \(figure.error ?? "")"
                line += " — \(chapter.place(location, inBlock: block))"
            case .figure(let figure, _):
                figureNumber += 1
                let name = FigureFolder.fileName(number: figureNumber, id: figure.id)
                let url = owner.figureDirectory.appendingPathComponent(name)
                do {
                    // Sanitized as on a page: a browser opening the file runs no script.
                    guard let svg = SVGSanitizer.sanitize(figure.svg) else {
                        throw BookError.io("it is not an SVG document")
                    }
                    try svg.write(to: url, atomically: true, encoding: .utf8)
                    line = "Figure \(figureNumber).\(figure.caption.map { " " + $0 } ?? "") → \(url.path)"
                } catch {
                    line = "Figure \(figureNumber): cannot write \(url.path): \(BookOutput.describe(error))"
                }
            case .expectation(let e, let location):
                line = (e.passed ? "✓ " : "✗ ") + e.claim
                if let detail = e.detail { line += " (\(detail))" }
                if !e.passed { line += " — \(chapter.place(location, inBlock: block)): expectation failed" }
            }
            if !endsWithNewline { out += "\n" }
            endsWithNewline = true
            return out + line + "\n"
        }

        /// What is left once the program has ended: what stopped a block, the blocks
        /// that did not run, and failures outside any block.
        func finish(_ result: ChapterResult) -> String {
            lock.lock()
            defer { lock.unlock() }
            var out = ""
            if !endsWithNewline {
                out += "\n"
                endsWithNewline = true
            }
            for block in chapter.blocks {
                let blockResult = result.block(block.index)
                switch blockResult.status {
                case .failed:
                    out += headings(through: block.index)
                    for failure in blockResult.failures {
                        out += "\(chapter.place(failure.location, inBlock: block.index)): \(failure.message)\n"
                    }
                case .notRun:
                    out += headings(through: block.index)
                    out += "(\(blockResult.notRunReason ?? "did not run"))\n"
                case .ran:
                    if block.index > headed { out += headings(through: block.index) }
                }
            }
            for failure in chapter.failures(of: result) where failure.block == nil { out += failure.description + "\n" }
            return out
        }
    }
}
