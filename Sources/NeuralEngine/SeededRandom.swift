#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded pseudo-random generator (xoshiro256**, state filled by SplitMix64).
///
/// The same seed gives the same sequence on every run and machine: only integer
/// arithmetic decides the bits, and the floating-point transforms (`uniform`,
/// `normal`) use correctly specified IEEE operations plus `log`, `cos` and `sqrt`.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64
    /// A second normal deviate left over from the last Box–Muller pair.
    @usableFromInline var spareNormal: Double?

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
        spareNormal = nil
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inlinable public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    @inlinable public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Standard normal N(0, 1) by the Box–Muller transform.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    /// N(mean, std²).
    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// Uniform integer in 0..<upperBound without modulo bias (Lemire's method).
    @inlinable public mutating func int(below upperBound: Int) -> Int {
        requirement(upperBound > 0, "int(below:) needs a positive bound, got \(upperBound)")
        let bound = UInt64(upperBound)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// `count` indices drawn from 0..<n with replacement (NumPy `random.choice(n, count)`).
    public mutating func sampleWithReplacement(_ count: Int, from n: Int) -> [Int] {
        var indices: [Int] = []
        sampleWithReplacement(count, from: n, into: &indices)
        return indices
    }

    /// The same draws, into `indices` (its storage reused).
    public mutating func sampleWithReplacement(_ count: Int, from n: Int, into indices: inout [Int]) {
        indices.removeAll(keepingCapacity: true)
        for _ in 0..<count { indices.append(int(below: n)) }
    }

    /// A random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var a = Array(0..<n)
        shuffle(&a)
        return a
    }

    /// Shuffles in place with Fisher–Yates; independent of the standard library's
    /// algorithm so results never change with the Swift version.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = int(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// True with probability `p`.
    @inlinable public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// A matrix of N(mean, std²) samples.
    public mutating func normalMatrix<T: MatrixScalar>(
        _ rows: Int, _ cols: Int, mean: Double = 0, std: Double = 1, as: T.Type = T.self
    ) -> Matrix<T> {
        var m = Matrix<T>(rows: rows, cols: cols)
        for i in 0..<m.count { m.storage[i] = T(normal(mean: mean, std: std)) }
        return m
    }

    /// A matrix of U[low, high) samples.
    public mutating func uniformMatrix<T: MatrixScalar>(
        _ rows: Int, _ cols: Int, low: Double, high: Double, as: T.Type = T.self
    ) -> Matrix<T> {
        var m = Matrix<T>(rows: rows, cols: cols)
        for i in 0..<m.count { m.storage[i] = T(uniform(low, high)) }
        return m
    }
}
