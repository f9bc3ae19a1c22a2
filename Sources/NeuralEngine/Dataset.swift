/// Labelled examples: one example per row of `inputs`, its class in `labels`.
public struct Dataset<Scalar: MatrixScalar>: Sendable {
    public var inputs: Matrix<Scalar>
    public var labels: [Int]
    public var classCount: Int

    public init(inputs: Matrix<Scalar>, labels: [Int], classCount: Int) {
        requirement(
            inputs.rows == labels.count,
            "Dataset: \(inputs.rows) input rows but \(labels.count) labels")
        requirement(
            labels.allSatisfy { $0 >= 0 && $0 < classCount },
            "Dataset: labels must lie in 0..<\(classCount)")
        self.inputs = inputs
        self.labels = labels
        self.classCount = classCount
    }

    public var count: Int { labels.count }
    public var featureCount: Int { inputs.cols }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(inputs: inputs.rows(indices), labels: indices.map { labels[$0] }, classCount: classCount)
    }

    /// The first `n` examples.
    public func prefix(_ n: Int) -> Dataset {
        subset(Array(0..<Swift.min(n, count)))
    }
}
