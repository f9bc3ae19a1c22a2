import NotebookProtocol
import Testing

@testable import Notebook

@Suite struct TableTests {
    @Test func numbersAreFormattedAndColumnsTyped() {
        let t = makeTable(
            ["name", "loss", "n", "note"],
            [["SGD", 0.52345, 10, nil as String?], ["Adam", 1e-9, 2000, "best"]],
            caption: "c", id: "t", decimals: 3)
        #expect(t.rows == [["SGD", "0.523", "10", "—"], ["Adam", "1.00e-09", "2000", "best"]])
        #expect(t.numeric == [false, true, true, false])
    }

    @Test func specialValues() {
        let t = makeTable(["x"], [[Double.nan], [Double.infinity], [Float(2.5)], [12_345_678.0]], caption: nil, id: nil, decimals: 2)
        #expect(t.rows.map { $0[0] } == ["NaN", "∞", "2.50", "1.2e+07"])
    }

    @Test func alignedText() {
        let t = ResultTable(
            columns: ["이름", "value"], rows: [["가", "1.5"], ["long name", "10.25"]],
            numeric: [false, true], caption: nil, id: nil)
        #expect(
            TextTable.render(t) == """
                이름       value
                ─────────  ─────
                가           1.5
                long name  10.25
                """)
    }
}
