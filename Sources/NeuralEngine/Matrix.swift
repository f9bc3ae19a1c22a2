/// A dense row-major matrix. Element `(r, c)` lives at `storage[r * cols + c]`.
///
/// A row vector is a `1 × n` matrix; "broadcasting" in this engine always means
/// adding or multiplying such a row vector to every row (the NumPy case `X + b`).
public struct Matrix<Scalar: MatrixScalar>: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public var storage: [Scalar]

    @inlinable public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
        requirement(rows >= 0 && cols >= 0, "Matrix shape must be non-negative, got \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: rows * cols)
    }

    @inlinable public init(rows: Int, cols: Int, storage: [Scalar]) {
        requirement(
            storage.count == rows * cols,
            "Matrix \(rows)×\(cols) needs \(rows * cols) elements, got \(storage.count)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from nested rows: `Matrix([[1, 2], [3, 4]])`.
    @inlinable public init(_ nested: [[Scalar]]) {
        let cols = nested.first?.count ?? 0
        requirement(nested.allSatisfy { $0.count == cols }, "All rows must have the same length")
        self.init(rows: nested.count, cols: cols, storage: nested.flatMap { $0 })
    }

    /// A `1 × n` row vector.
    @inlinable public init(row: [Scalar]) { self.init(rows: 1, cols: row.count, storage: row) }

    /// An `n × 1` column vector.
    @inlinable public init(column: [Scalar]) { self.init(rows: column.count, cols: 1, storage: column) }

    /// A `rows × cols` matrix of zeros (NumPy `np.zeros((rows, cols))`).
    @inlinable public static func zeros(_ rows: Int, _ cols: Int) -> Matrix { Matrix(rows: rows, cols: cols) }

    @inlinable public var count: Int { storage.count }
    @inlinable public var shape: (rows: Int, cols: Int) { (rows, cols) }

    @inlinable public subscript(r: Int, c: Int) -> Scalar {
        get {
            requirement(r >= 0 && r < rows && c >= 0 && c < cols, "Index (\(r), \(c)) out of \(rows)×\(cols)")
            return storage[r * cols + c]
        }
        set {
            requirement(r >= 0 && r < rows && c >= 0 && c < cols, "Index (\(r), \(c)) out of \(rows)×\(cols)")
            storage[r * cols + c] = newValue
        }
    }

    /// Row `r` as an array.
    @inlinable public func row(_ r: Int) -> [Scalar] { Array(storage[r * cols..<(r + 1) * cols]) }

    /// Column `c` as an array.
    @inlinable public func column(_ c: Int) -> [Scalar] { (0..<rows).map { storage[$0 * cols + c] } }

    /// The rows at `indices`, in that order (repeats allowed): a minibatch gather.
    @inlinable public func rows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for (i, r) in indices.enumerated() {
                    requirement(r >= 0 && r < rows, "Row index \(r) out of 0..<\(rows)")
                    let from = src.baseAddress! + r * cols
                    (dst.baseAddress! + i * cols).update(from: from, count: cols)
                }
            }
        }
        return out
    }

    /// Rows `range` as a new matrix.
    @inlinable public func rows(_ range: Range<Int>) -> Matrix {
        requirement(range.lowerBound >= 0 && range.upperBound <= rows, "Row range \(range) out of 0..<\(rows)")
        return Matrix(rows: range.count, cols: cols, storage: Array(storage[range.lowerBound * cols..<range.upperBound * cols]))
    }

    /// Converts element type, e.g. `Matrix<Double>(someFloatMatrix)`.
    @inlinable public init<Other: MatrixScalar>(_ other: Matrix<Other>) {
        self.init(rows: other.rows, cols: other.cols, storage: other.storage.map { Scalar($0) })
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let body = (0..<rows).map { r in row(r).map { "\($0)" }.joined(separator: ", ") }
        return "Matrix \(rows)×\(cols) [" + body.joined(separator: "; ") + "]"
    }
}
