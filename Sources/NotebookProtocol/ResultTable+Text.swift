/// Tables as aligned plain text, for terminals (`tutorial run`) and programs run by hand.
public enum TextTable {
    public static func render(_ table: ResultTable) -> String {
        let all = [table.columns] + table.rows
        let columnCount = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columnCount)
        for row in all {
            for (j, cell) in row.enumerated() { widths[j] = max(widths[j], displayWidth(cell)) }
        }
        func line(_ row: [String]) -> String {
            (0..<columnCount).map { j in
                let cell = j < row.count ? row[j] : ""
                let pad = String(repeating: " ", count: widths[j] - displayWidth(cell))
                let numeric = j < table.numeric.count && table.numeric[j]
                return numeric ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var lines: [String] = []
        if let caption = table.caption { lines.append(caption) }
        lines.append(line(table.columns))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += table.rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// Columns a string takes in a terminal: wide (CJK, Hangul) characters take two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
                || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            let zero = scalar.properties.generalCategory == .nonspacingMark
            return width + (zero ? 0 : wide ? 2 : 1)
        }
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
