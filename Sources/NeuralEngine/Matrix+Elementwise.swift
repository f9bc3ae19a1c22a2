// Element-wise arithmetic. Two matrices of the same shape combine element by
// element; a `1 × cols` right operand is broadcast over every row (NumPy's `X + b`).

extension Matrix {
    /// Applies `f` to every element.
    @inlinable public func map(_ f: (Scalar) -> Scalar) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: storage.map(f))
    }

    /// Combines with `other` element by element, broadcasting a row vector.
    @inlinable public func zip(_ other: Matrix, _ f: (Scalar, Scalar) -> Scalar) -> Matrix {
        var out = self
        out.formZip(other, f)
        return out
    }

    /// In-place `zip`.
    @inlinable public mutating func formZip(_ other: Matrix, _ f: (Scalar, Scalar) -> Scalar) {
        if other.rows == rows && other.cols == cols {
            storage.withUnsafeMutableBufferPointer { p in
                other.storage.withUnsafeBufferPointer { q in
                    for i in 0..<p.count { p[i] = f(p[i], q[i]) }
                }
            }
        } else if other.rows == 1 && other.cols == cols {
            let c = cols
            storage.withUnsafeMutableBufferPointer { p in
                other.storage.withUnsafeBufferPointer { q in
                    for r in 0..<rows {
                        let base = r * c
                        for j in 0..<c { p[base + j] = f(p[base + j], q[j]) }
                    }
                }
            }
        } else if other.cols == 1 && other.rows == rows {
            let c = cols
            storage.withUnsafeMutableBufferPointer { p in
                other.storage.withUnsafeBufferPointer { q in
                    for r in 0..<rows {
                        let base = r * c
                        let v = q[r]
                        for j in 0..<c { p[base + j] = f(p[base + j], v) }
                    }
                }
            }
        } else {
            requirementFailure("Shapes \(rows)×\(cols) and \(other.rows)×\(other.cols) do not broadcast")
        }
    }

    @inlinable public static func + (a: Matrix, b: Matrix) -> Matrix { a.zip(b, +) }
    @inlinable public static func - (a: Matrix, b: Matrix) -> Matrix { a.zip(b, -) }
    /// Element-wise (Hadamard) product, not the matrix product: see `matmul`.
    @inlinable public static func * (a: Matrix, b: Matrix) -> Matrix { a.zip(b, *) }
    @inlinable public static func / (a: Matrix, b: Matrix) -> Matrix { a.zip(b, /) }

    @inlinable public static func += (a: inout Matrix, b: Matrix) { a.formZip(b, +) }
    @inlinable public static func -= (a: inout Matrix, b: Matrix) { a.formZip(b, -) }
    @inlinable public static func *= (a: inout Matrix, b: Matrix) { a.formZip(b, *) }
    @inlinable public static func /= (a: inout Matrix, b: Matrix) { a.formZip(b, /) }

    @inlinable public static func + (a: Matrix, s: Scalar) -> Matrix { a.map { $0 + s } }
    @inlinable public static func - (a: Matrix, s: Scalar) -> Matrix { a.map { $0 - s } }
    @inlinable public static func * (a: Matrix, s: Scalar) -> Matrix { a.map { $0 * s } }
    @inlinable public static func * (s: Scalar, a: Matrix) -> Matrix { a.map { s * $0 } }
    @inlinable public static func / (a: Matrix, s: Scalar) -> Matrix { a.map { $0 / s } }
    @inlinable public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    @inlinable public static func *= (a: inout Matrix, s: Scalar) {
        a.storage.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] *= s } }
    }

    /// `self += alpha * other` (same shape), the update at the heart of every optimizer.
    @inlinable public mutating func addScaled(_ other: Matrix, _ alpha: Scalar) {
        requirement(
            other.rows == rows && other.cols == cols,
            "addScaled: shapes \(rows)×\(cols) and \(other.rows)×\(other.cols) differ")
        storage.withUnsafeMutableBufferPointer { p in
            other.storage.withUnsafeBufferPointer { q in
                for i in 0..<p.count { p[i] += alpha * q[i] }
            }
        }
    }

    @inlinable public func squareRoot() -> Matrix { map { $0.squareRoot() } }
    @inlinable public func squared() -> Matrix { map { $0 * $0 } }
    @inlinable public func absolute() -> Matrix { map { Swift.abs($0) } }

    /// True when every element is finite (no NaN, no ±∞).
    @inlinable public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
