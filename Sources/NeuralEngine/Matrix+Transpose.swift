extension Matrix {
    /// The transpose `Aᵀ`: element (i, j) of the result is element (j, i) of `self`.
    ///
    /// For code that reads like the maths, such as a hand-written backward pass
    /// `∂L/∂x = δ·Wᵀ`, `∂L/∂W = xᵀ·δ`. Products that only need a transposed operand
    /// should pass `transposeA:`/`transposeB:` to `matmul` instead, which copies nothing.
    @inlinable public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        guard count > 0 else { return out }
        storage.withUnsafeBufferPointer { source in
            out.storage.withUnsafeMutableBufferPointer { target in
                Scalar.transpose(source.baseAddress!, rows: rows, cols: cols, ld: cols, into: target.baseAddress!)
            }
        }
        return out
    }
}
