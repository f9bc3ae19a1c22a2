import Foundation
import NotebookProtocol
import Testing

@testable import Notebook

extension ChannelTests {
    /// Messages the runtime would send, captured in-process.
    @Suite struct ExpectTests {
        func capture(_ body: () -> Void) -> [NotebookMessage] { ChannelTests.capture(body) }
        func outcomes(_ body: () -> Void) -> [ExpectationOutcome] { ChannelTests.outcomes(body) }

        @Test func comparisonsShowTheComparedValues() {
            let firstLine = #line + 2
            let found = outcomes {
                expect("below", 0.25, lessThan: 0.5)
                expect("not below", 0.75, lessThan: 0.5)
                expect("close", 0.21194, closeTo: 0.2119, tolerance: 1e-4)
                expect("not close", Double.nan, closeTo: 1, tolerance: 1e-6)
                expect("equal", 3, equals: 3)
                expect("between", 5, between: 1, and: 4)
                expect("plain", false, "the reason")
            }
            #expect(found.map(\.passed) == [true, false, true, false, true, false, false])
            #expect(
                found.map(\.detail) == [
                    "0.25 < 0.5", "got 0.75, expected < 0.5", "0.21194 ≈ 0.2119, |Δ| = 4e-05 ≤ 0.0001",
                    "got NaN, expected 1 ± 1e-06, |Δ| = NaN", "= 3", "got 5, expected between 1 and 4", "the reason",
                ])
            #expect(found[0].line == firstLine)
        }

        @Test func expectReturnsWhetherItHeld() {
            _ = capture {
                #expect(expect("yes", 1, atLeast: 1))
                #expect(!expect("no", 1, greaterThan: 1))
            }
        }

        @Test func printedTextIsCutAtTheBlockLimit() {
            let messages = capture {
                _notebookBlockStart(0)
                let line = String(repeating: "x", count: 999) + "\n"
                for _ in 0..<200 { _notebookPrint([line], separator: "", terminator: "") }
                _notebookBlockEnd(0)
            }
            let printed = messages.compactMap { if case .text(let s) = $0 { return s.utf8.count } else { return nil } }.reduce(0, +)
            #expect(printed == Channel.shared.textLimit)
            #expect(messages.contains(.textCut(omittedBytes: 200_000 - Channel.shared.textLimit)))
            #expect(messages.last == .blockEnd(index: 0))
        }

        @Test func progressIsThrottledButAlwaysReportsTheEnd() {
            let messages = capture {
                for i in 1...1000 { progress(i, of: 1000, label: "loop") }
            }
            let updates = messages.compactMap { if case .progress(let p) = $0 { return p } else { return nil } }
            #expect(updates.count <= 3)
            #expect(updates.last == ProgressUpdate(done: 1000, total: 1000, label: "loop"))
        }

        @Test func messagesRoundTripAsJSON() throws {
            let messages: [NotebookMessage] = [
                .blockStart(index: 2), .text("한국어 <&>\n"), .textCut(omittedBytes: 5),
                .table(ResultTable(columns: ["a"], rows: [["1"]], numeric: [true], caption: "c", id: nil)),
                .figure(ResultFigure(svg: "<svg/>", caption: nil, id: "f")),
                .expectation(ExpectationOutcome(claim: "c", passed: true, detail: nil, file: "x.md", line: 3)),
                .progress(ProgressUpdate(done: 1, total: 2, label: nil)), .blockEnd(index: 2),
            ]
            for m in messages {
                let data = try JSONEncoder().encode(m)
                #expect(!data.contains(0x0A))
                #expect(try JSONDecoder().decode(NotebookMessage.self, from: data) == m)
            }
        }
    }
}

extension ChannelTests.ExpectTests {
    @Test func progressCallbackForTheTrainer() {
        let report = progress("SGD")
        let messages = capture { report(10, 10) }
        #expect(messages == [.progress(ProgressUpdate(done: 10, total: 10, label: "SGD"))])
    }
}
