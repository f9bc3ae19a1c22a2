extension Matrix {
    /// Column `unit` of a weight matrix `n_in × n_out` — the weights from every input
    /// into that unit, its *filter* — scaled for display in 0…1: 0.5 is a zero weight,
    /// 0 and 1 are −m and +m, where m is the largest |w| of that column. Reshaped to
    /// 28 × 28 (row by row, as the pixels are), the filter of a unit that reads
    /// Fashion-MNIST images shows which pixels excite it (light) and inhibit it (dark).
    /// A column of zeros gives 0.5 everywhere.
    public func weightImage(unit: Int) -> [Double] {
        requirement(unit >= 0 && unit < cols, "weightImage: unit \(unit) out of 0..<\(cols)")
        let column = self.column(unit).map(Double.init)
        let m = column.map(Swift.abs).max() ?? 0
        guard m > 0, m.isFinite else { return column.map { _ in 0.5 } }
        return column.map { 0.5 + 0.5 * $0 / m }
    }
}
