import NotebookProtocol

/// The strings a chapter's experiments produced that an edition translates: figure
/// captions and the texts of charts (titles, axis labels, legend entries), table
/// captions, column headers and text cells, and expectation claims. Printed output,
/// numbers and the details of claims stay as the program wrote them.
///
/// Only strings with a letter in them are translated: `0.5`, `—` or `± 0.02` read the
/// same in every language.
struct ProducedString: Equatable {
    enum Kind: String {
        case figureCaption = "figure caption"
        case chartText = "chart text"
        case tableCaption = "table caption"
        case tableColumn = "table column"
        case tableCell = "table cell"
        case claim = "claim"
    }

    var text: String
    var kind: Kind
    /// The block that produced it first (0-based).
    var block: Int

    static func needsTranslation(_ s: String) -> Bool { s.unicodeScalars.contains { $0.properties.isAlphabetic } }

    /// Each string once, where it first appears, in page order.
    static func all(in result: ChapterResult) -> [ProducedString] {
        var found: [ProducedString] = []
        var seen = Set<String>()
        func add(_ text: String?, _ kind: Kind, _ block: Int) {
            guard let text, needsTranslation(text), seen.insert(text).inserted else { return }
            found.append(ProducedString(text: text, kind: kind, block: block))
        }
        for (b, block) in result.blocks.enumerated() {
            for item in block.items {
                switch item {
                case .table(let table):
                    add(table.caption, .tableCaption, b)
                    for column in table.columns { add(column, .tableColumn, b) }
                    for row in table.rows {
                        for (j, cell) in row.enumerated() where !(j < table.numeric.count && table.numeric[j]) {
                            add(cell, .tableCell, b)
                        }
                    }
                case .figure(let figure, _):
                    add(figure.caption, .figureCaption, b)
                    for text in figure.texts ?? [] { add(text, .chartText, b) }
                case .expectation(let outcome, _):
                    add(outcome.claim, .claim, b)
                case .text, .note:
                    break
                }
            }
        }
        return found
    }

    /// Whether every block ran to its end, so that the strings are all there are.
    static func isComplete(_ result: ChapterResult) -> Bool {
        result.failures.isEmpty && !result.blocks.isEmpty && result.blocks.allSatisfy { $0.status == .ran }
    }
}
