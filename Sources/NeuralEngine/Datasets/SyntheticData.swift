#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small two-dimensional datasets generated from a seed, for fast experiments and
/// tests. The same seed gives the same points on every run. Examples are shuffled, so
/// `prefix(n)` and splits see every class.
public enum SyntheticData {
    /// XOR: points scattered around the corners (0,0), (0,1), (1,0), (1,1) with
    /// Gaussian noise of standard deviation `noise`; the label is x XOR y. The corners
    /// are used in turn, so `count: 4, noise: 0` is the truth table itself (unshuffled).
    public static func xor<Scalar: MatrixScalar>(
        count: Int = 200, noise: Double = 0.1, seed: UInt64 = 0, as: Scalar.Type = Float.self
    ) -> Dataset<Scalar> {
        requirement(count > 0, "xor: count must be positive, got \(count)")
        var random = SeededRandom(seed: seed)
        let corners: [(Double, Double, Int)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
        var points: [(Double, Double, Int)] = (0..<count).map { i in
            let (x, y, label) = corners[i % 4]
            return (x + noise * random.normal(), y + noise * random.normal(), label)
        }
        if !(count == 4 && noise == 0) { random.shuffle(&points) }
        return makeDataset(points, classCount: 2)
    }

    /// Interleaved spirals (CS231n's), one class per arm: for arm k, radius r runs from
    /// 0 to 1 and angle θ = 4·(k + r) + noise·N(0, 1); the point is (r·sin θ, r·cos θ).
    public static func spirals<Scalar: MatrixScalar>(
        arms: Int = 3, pointsPerArm: Int = 100, noise: Double = 0.2, seed: UInt64 = 0,
        as: Scalar.Type = Float.self
    ) -> Dataset<Scalar> {
        requirement(arms >= 2 && pointsPerArm >= 2, "spirals: need at least 2 arms of 2 points")
        var random = SeededRandom(seed: seed)
        var points: [(Double, Double, Int)] = []
        for arm in 0..<arms {
            for i in 0..<pointsPerArm {
                let r = Double(i) / Double(pointsPerArm - 1)
                let theta = 4 * (Double(arm) + r) + noise * random.normal()
                points.append((r * sin(theta), r * cos(theta), arm))
            }
        }
        random.shuffle(&points)
        return makeDataset(points, classCount: arms)
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`): class 0 on
    /// (cos t, sin t), class 1 on (1 − cos t, ½ − sin t), t evenly spaced in [0, π],
    /// plus Gaussian noise of standard deviation `noise`.
    public static func twoMoons<Scalar: MatrixScalar>(
        count: Int = 200, noise: Double = 0.1, seed: UInt64 = 0, as: Scalar.Type = Float.self
    ) -> Dataset<Scalar> {
        requirement(count >= 2, "twoMoons: count must be at least 2, got \(count)")
        var random = SeededRandom(seed: seed)
        let upper = count / 2, lower = count - upper
        var points: [(Double, Double, Int)] = []
        for (n, label) in [(upper, 0), (lower, 1)] {
            for i in 0..<n {
                let t = n == 1 ? 0 : Double.pi * Double(i) / Double(n - 1)
                let (x, y) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
                points.append((x + noise * random.normal(), y + noise * random.normal(), label))
            }
        }
        random.shuffle(&points)
        return makeDataset(points, classCount: 2)
    }

    /// Gaussian blobs: `countPerClass` points around each centre with standard deviation
    /// `std` in every coordinate; class k belongs to `centers[k]`.
    public static func gaussianBlobs<Scalar: MatrixScalar>(
        centers: [[Double]], countPerClass: Int = 100, std: Double = 1, seed: UInt64 = 0,
        as: Scalar.Type = Float.self
    ) -> Dataset<Scalar> {
        requirement(!centers.isEmpty && countPerClass > 0, "gaussianBlobs: need centres and a positive count")
        let dimension = centers[0].count
        requirement(centers.allSatisfy { $0.count == dimension }, "gaussianBlobs: centres differ in dimension")
        var random = SeededRandom(seed: seed)
        var rows: [([Double], Int)] = []
        for (label, center) in centers.enumerated() {
            for _ in 0..<countPerClass {
                rows.append((center.map { $0 + std * random.normal() }, label))
            }
        }
        random.shuffle(&rows)
        let inputs = Matrix<Scalar>(
            rows: rows.count, cols: dimension,
            storage: rows.flatMap { $0.0.map { Scalar($0) } })
        return Dataset(inputs: inputs, labels: rows.map(\.1), classCount: centers.count)
    }

    /// `classes` blobs whose centres are drawn uniformly from [−spread, spread]ᵈ.
    public static func gaussianBlobs<Scalar: MatrixScalar>(
        classes: Int, dimension: Int = 2, countPerClass: Int = 100, std: Double = 1,
        spread: Double = 5, seed: UInt64 = 0, as: Scalar.Type = Float.self
    ) -> Dataset<Scalar> {
        requirement(classes > 0 && dimension > 0, "gaussianBlobs: need at least one class and one dimension")
        var random = SeededRandom(seed: seed ^ 0xB10B)
        let centers = (0..<classes).map { _ in (0..<dimension).map { _ in random.uniform(-spread, spread) } }
        return gaussianBlobs(centers: centers, countPerClass: countPerClass, std: std, seed: seed, as: Scalar.self)
    }

    private static func makeDataset<Scalar: MatrixScalar>(
        _ points: [(Double, Double, Int)], classCount: Int
    ) -> Dataset<Scalar> {
        let inputs = Matrix<Scalar>(
            rows: points.count, cols: 2,
            storage: points.flatMap { [Scalar($0.0), Scalar($0.1)] })
        return Dataset(inputs: inputs, labels: points.map(\.2), classCount: classCount)
    }
}
