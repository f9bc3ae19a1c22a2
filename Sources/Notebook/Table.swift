import NotebookProtocol

/// Shows a table of results under the block.
///
///     table(["optimizer", "loss", "accuracy"],
///           [["SGD", 0.52, 0.81], ["Adam", 0.31, 0.88]],
///           caption: "After 2,000 updates")
///
/// Floating-point cells get `decimals` places (scientific notation when that would show
/// only zeros); integers and text are shown as they are, `nil` as a dash. Number columns
/// are right-aligned. `id` makes the table linkable as `#tab-ID`.
public func table(
    _ columns: [String], _ rows: [[Any]], caption: String? = nil, id: String? = nil,
    decimals: Int = 4
) {
    Channel.shared.send(.table(makeTable(columns, rows, caption: caption, id: id, decimals: decimals)))
}

/// A table of one row per key: `table(["λ", "test accuracy"], rows: accuracies)` for a
/// dictionary, sorted by key.
public func table<Key: Comparable, Value>(
    _ columns: [String], _ rows: [Key: Value],
    caption: String? = nil, id: String? = nil,
    decimals: Int = 4
) {
    let sorted = rows.sorted { $0.key < $1.key }.map { [$0.key as Any, $0.value as Any] }
    table(columns, sorted, caption: caption, id: id, decimals: decimals)
}

func makeTable(
    _ columns: [String], _ rows: [[Any]], caption: String?, id: String?,
    decimals: Int
) -> ResultTable {
    var numeric = [Bool](repeating: true, count: columns.count)
    var seen = [Bool](repeating: false, count: columns.count)
    let cells: [[String]] = rows.map { row in
        row.enumerated().map { j, value in
            let (text, isNumber) = NumberFormat.describe(value, decimals: decimals)
            if j < numeric.count, text != "—" {
                numeric[j] = numeric[j] && isNumber
                seen[j] = true
            }
            return text
        }
    }
    for j in numeric.indices where !seen[j] { numeric[j] = false }
    return ResultTable(columns: columns, rows: cells, numeric: numeric, caption: caption, id: id)
}
