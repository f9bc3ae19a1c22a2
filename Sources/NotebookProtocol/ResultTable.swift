/// A table of results, every cell already formatted as text.
public struct ResultTable: Codable, Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
    /// For each column, whether its cells are numbers (right-aligned).
    public var numeric: [Bool]
    public var caption: String?
    public var id: String?

    public init(columns: [String], rows: [[String]], numeric: [Bool], caption: String?, id: String?) {
        self.columns = columns
        self.rows = rows
        self.numeric = numeric
        self.caption = caption
        self.id = id
    }
}
