import Foundation
@testable import Plotting

/// A small seeded generator so gallery data is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// One figure of every kind, with data like the book's, for eyes and browsers.
enum Gallery {
    static func figures() -> [(name: String, figure: any Figure)] {
        var list: [(String, any Figure)] = []
        list.append(("line-loss-log", lossCurves()))
        list.append(("line-activations", activations()))
        list.append(("line-gaps-markers", gapsAndMarkers()))
        list.append(("scatter-classes", scatter()))
        list.append(("histogram-single", histogram()))
        list.append(("histogram-overlaid", overlaidHistograms()))
        return list.map { (name: $0.0, figure: $0.1) }
    }

    static func lossCurves() -> LineChart {
        var rng = SplitMix64(seed: 1)
        var chart = LineChart(title: "Training loss on Fashion-MNIST", xLabel: "update", yLabel: "loss",
                              yScale: .log, id: "gallery-loss")
        let names = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"]
        let rates = [0.0008, 0.004, 0.0045, 0.006, 0.007, 0.009]
        for (name, rate) in zip(names, rates) {
            let xs = (0..<2000).map(Double.init)
            let ys = xs.map { 2.3 * exp(-rate * $0) + 0.02 + 0.04 * abs(rng.normal()) * exp(-rate * $0 / 3) }
            chart.add(series: name, x: xs, y: ys)
        }
        return chart
    }

    static func activations() -> LineChart {
        var chart = LineChart(title: "Activation functions", xLabel: "x", yLabel: "h(x)",
                              yLimits: -1.5...3, id: "gallery-act")
        let xs = stride(from: -3.0, through: 3.0, by: 0.05).map { $0 }
        chart.add(series: "sigmoid", x: xs, y: xs.map { 1 / (1 + exp(-$0)) })
        chart.add(series: "tanh", x: xs, y: xs.map { tanh($0) })
        chart.add(series: "ReLU", x: xs, y: xs.map { max(0, $0) })
        chart.add(series: "ELU", x: xs, y: xs.map { $0 > 0 ? $0 : exp($0) - 1 }, dashed: true)
        chart.add(series: "softplus 소프트플러스", x: xs, y: xs.map { log(1 + exp($0)) })
        return chart
    }

    static func gapsAndMarkers() -> LineChart {
        var chart = LineChart(title: "Accuracy per epoch (a run diverges at epoch 12)",
                              xLabel: "epoch", yLabel: "accuracy", id: "gallery-gaps")
        let epochs = Array(1...20)
        let train = epochs.map { 1 - 0.9 * exp(-Double($0) / 4) }
        let test = epochs.map { 0.85 - 0.75 * exp(-Double($0) / 4) }
        let diverged = epochs.map { $0 < 12 ? 0.7 - 0.6 * exp(-Double($0) / 3) : ($0 == 15 ? 0.3 : Double.nan) }
        chart.add(series: "train", x: epochs, y: train, marker: .circle)
        chart.add(series: "test", x: epochs, y: test, marker: .square, dashed: true)
        chart.add(series: "lr too large", x: epochs, y: diverged, marker: .diamond)
        return chart
    }

    static func scatter() -> ScatterPlot {
        var rng = SplitMix64(seed: 2)
        var xs: [Double] = [], ys: [Double] = [], labels: [Int] = []
        let centres = [(-2.0, -1.0), (2.0, 0.5), (0.0, 2.5)]
        for (k, c) in centres.enumerated() {
            for _ in 0..<150 {
                xs.append(c.0 + rng.normal() * 0.8); ys.append(c.1 + rng.normal() * 0.8); labels.append(k)
            }
        }
        var plot = ScatterPlot(title: "Gaussian blobs", xLabel: "x₁", yLabel: "x₂", id: "gallery-scatter")
        plot.add(x: xs, y: ys, labels: labels, classNames: ["T-shirt/top", "Trouser", "Pullover"])
        return plot
    }

    static func histogram() -> Histogram {
        var rng = SplitMix64(seed: 3)
        let values = (0..<5000).map { _ in 1 / (1 + exp(-rng.normal() * 4)) }
        var hist = Histogram(title: "Sigmoid activations, std 1", xLabel: "activation", bins: 30,
                             range: 0...1, id: "gallery-hist")
        hist.add(values: values)
        return hist
    }

    static func overlaidHistograms() -> Histogram {
        var rng = SplitMix64(seed: 4)
        var hist = Histogram(title: "Weights after training", xLabel: "weight", bins: 40,
                             range: -0.5...0.5, normalization: .fraction, id: "gallery-hist2")
        hist.add(series: "L2", values: (0..<4000).map { _ in rng.normal() * 0.12 })
        hist.add(series: "L1", values: (0..<4000).map { _ in
            let u = rng.uniform() - 0.5
            return -0.05 * (u < 0 ? -1.0 : 1.0) * log(1 - 2 * abs(u))
        })
        return hist
    }
}
