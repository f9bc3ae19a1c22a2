extension Dataset {
    /// The examples in a seeded random order.
    public func shuffled(seed: UInt64) -> Dataset {
        var random = SeededRandom(seed: seed)
        return subset(random.permutation(count))
    }

    /// `n` examples drawn without replacement in a seeded random order.
    public func randomSubset(_ n: Int, seed: UInt64) -> Dataset {
        requirement(n >= 0 && n <= count, "randomSubset: \(n) examples asked of \(count)")
        var random = SeededRandom(seed: seed)
        return subset(Array(random.permutation(count).prefix(n)))
    }

    /// A seeded shuffle cut in two: the last `validationCount` shuffled examples for
    /// validation, the rest for training.
    public func split(validationCount: Int, seed: UInt64) -> (training: Dataset, validation: Dataset) {
        requirement(
            validationCount >= 0 && validationCount <= count,
            "split: validation count \(validationCount) is not in 0...\(count)")
        var random = SeededRandom(seed: seed)
        let order = random.permutation(count)
        let cut = count - validationCount
        return (subset(Array(order[..<cut])), subset(Array(order[cut...])))
    }

    /// A seeded shuffle cut in two, `validationFraction` of the examples (rounded) for
    /// validation.
    public func split(validationFraction: Double, seed: UInt64) -> (training: Dataset, validation: Dataset) {
        requirement(
            validationFraction >= 0 && validationFraction <= 1,
            "split: validation fraction \(validationFraction) is not in [0, 1]")
        return split(validationCount: Int((validationFraction * Double(count)).rounded()), seed: seed)
    }

    /// How many examples each class has, by label.
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }
}
