// Matrices a layer keeps from one training step to the next and overwrites, so that
// a step allocates nothing once the shapes have been seen.
//
// A matrix's storage is written in place when no one else holds it. The training
// step keeps it that way: each layer drops the input it cached for backward once
// backward is done, so at the next step every output buffer is held only by the
// layer that writes it.

extension Matrix {
    /// The 0 × 0 matrix; it allocates nothing.
    @inlinable static var empty: Matrix { Matrix(rows: 0, cols: 0) }

    /// Makes this matrix `rows × cols` with unspecified contents, keeping its storage
    /// when the element count is unchanged.
    @inlinable mutating func resize(rows: Int, cols: Int) {
        if storage.count != rows * cols {
            self = Matrix(rows: rows, cols: cols)
        } else if self.rows != rows || self.cols != cols {
            self = Matrix(rows: rows, cols: cols, storage: storage)
        }
    }

    /// A new matrix `f(self)`, element by element, through raw buffers so
    /// specialised loops vectorise.
    @inlinable func mapped(_ f: (Scalar) -> Scalar) -> Matrix {
        var out = Matrix.empty
        out.assign(self, f)
        return out
    }

    /// `self[i] = f(x[i])` for every element, `self` taking x's shape.
    @inlinable mutating func assign(_ x: Matrix, _ f: (Scalar) -> Scalar) {
        resize(rows: x.rows, cols: x.cols)
        storage.withUnsafeMutableBufferPointer { o in
            x.storage.withUnsafeBufferPointer { a in
                for i in 0..<o.count { o[i] = f(a[i]) }
            }
        }
    }

    /// `self[i] = f(x[i], y[i])` for every element of two matrices of the same shape.
    @inlinable mutating func assign(_ x: Matrix, _ y: Matrix, _ f: (Scalar, Scalar) -> Scalar) {
        requirement(
            x.rows == y.rows && x.cols == y.cols,
            "Shapes \(x.rows)×\(x.cols) and \(y.rows)×\(y.cols) differ")
        resize(rows: x.rows, cols: x.cols)
        storage.withUnsafeMutableBufferPointer { o in
            x.storage.withUnsafeBufferPointer { a in
                y.storage.withUnsafeBufferPointer { b in
                    for i in 0..<o.count { o[i] = f(a[i], b[i]) }
                }
            }
        }
    }
}
