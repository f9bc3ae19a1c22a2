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
        list.append(("line-bands-seeds", seedBands()))
        list.append(("line-many-series-korean", randomSearch()))
        list.append(("scatter-classes", scatter()))
        list.append(("histogram-single", histogram()))
        list.append(("histogram-overlaid", overlaidHistograms()))
        list.append(("bar-grouped", bars()))
        list.append(("contour-optimizer-path", contour(optimizer: "SGD")))
        list.append(("contour-labelled", labelledContour()))
        list.append(("heatmap-confusion", confusion()))
        list.append(("heatmap-weights", weights()))
        list.append(("image-grid", images()))
        list.append(("subplots-histograms-1x5", activationGrid()))
        list.append(("subplots-curves-4x4", batchNormGrid()))
        list.append(("subplots-optimizers-2x2", optimizerGrid()))
        return list.map { (name: $0.0, figure: $0.1) }
    }

    static func lossCurves() -> LineChart {
        var rng = SplitMix64(seed: 1)
        var chart = LineChart(
            title: "Training loss on Fashion-MNIST", xLabel: "update", yLabel: "loss",
            yScale: .log, id: "gallery-loss")
        let names = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"]
        let rates = [0.0008, 0.004, 0.0045, 0.006, 0.007, 0.009]
        for (name, rate) in zip(names, rates) {
            let xs = (0..<2000).map(Double.init)
            let ys = xs.map { 2.3 * exp(-rate * $0) + 0.02 + 0.04 * abs(rng.normal()) * exp(-rate * $0 / 3) }
            chart.add(series: name, x: xs, y: ys)
        }
        chart.addHorizontalLine(at: log(10), label: "ln 10 (chance)")
        return chart
    }

    /// Test accuracy per epoch, mean of 5 seeds with the 95 % interval of the mean
    /// (t = 2.776 for 4 degrees of freedom), as `replicate` gives it.
    static func seedBands() -> LineChart {
        var rng = SplitMix64(seed: 7)
        var chart = LineChart(title: "Test accuracy, 5 seeds", xLabel: "epoch", yLabel: "accuracy", id: "gallery-bands")
        for (name, ceiling, spread) in [("no dropout", 0.86, 0.012), ("dropout 0.2", 0.875, 0.006)] {
            let epochs = Array(1...30)
            let runs = (0..<5).map { _ in
                epochs.map { ceiling * (1 - exp(-Double($0) / 4)) + spread * rng.normal() }
            }
            let mean = epochs.indices.map { i in runs.map { $0[i] }.reduce(0, +) / 5 }
            let half = epochs.indices.map { i -> Double in
                let s = (runs.map { ($0[i] - mean[i]) * ($0[i] - mean[i]) }.reduce(0, +) / 4).squareRoot()
                return 2.776 * s / 5.0.squareRoot()
            }
            chart.add(
                series: name, x: epochs, y: mean, lower: zip(mean, half).map { $0 - $1 },
                upper: zip(mean, half).map { $0 + $1 }, band: "95 % interval of the mean, 5 seeds")
        }
        return chart
    }

    static func activations() -> LineChart {
        var chart = LineChart(
            title: "Activation functions", xLabel: "x", yLabel: "h(x)",
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
        var chart = LineChart(
            title: "Accuracy per epoch (a run diverges at epoch 12)",
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
                xs.append(c.0 + rng.normal() * 0.8)
                ys.append(c.1 + rng.normal() * 0.8)
                labels.append(k)
            }
        }
        var plot = ScatterPlot(title: "Gaussian blobs", xLabel: "x₁", yLabel: "x₂", id: "gallery-scatter")
        plot.add(x: xs, y: ys, labels: labels, classNames: ["T-shirt/top", "Trouser", "Pullover"])
        return plot
    }

    static func histogram() -> Histogram {
        var rng = SplitMix64(seed: 3)
        let values = (0..<5000).map { _ in 1 / (1 + exp(-rng.normal() * 4)) }
        var hist = Histogram(
            title: "Sigmoid activations, std 1", xLabel: "activation", bins: 30,
            range: 0...1, id: "gallery-hist")
        hist.add(values: values)
        return hist
    }

    static func overlaidHistograms() -> Histogram {
        var rng = SplitMix64(seed: 4)
        var hist = Histogram(
            title: "Weights after training", xLabel: "weight", bins: 40,
            range: -0.5...0.5, normalization: .fraction, id: "gallery-hist2")
        hist.add(series: "L2", values: (0..<4000).map { _ in rng.normal() * 0.12 })
        hist.add(
            series: "L1",
            values: (0..<4000).map { _ in
                let u = rng.uniform() - 0.5
                return -0.05 * (u < 0 ? -1.0 : 1.0) * log(1 - 2 * abs(u))
            })
        return hist
    }
}

extension Gallery {
    static let fashionClasses = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    static func bars() -> BarChart {
        var chart = BarChart(
            title: "Test accuracy by activation", categories: ["sigmoid", "tanh", "ReLU", "Leaky ReLU", "ELU"],
            yLabel: "accuracy", yLimits: 0...1, showValues: true, id: "gallery-bars")
        chart.add(series: "train", values: [0.62, 0.86, 0.91, 0.915, 0.92])
        chart.add(series: "test", values: [0.60, 0.83, 0.87, 0.872, 0.875])
        return chart
    }

    /// Positions of an optimizer on f(x, y) = x²/20 + y² from (−7, 2), 30 updates (DLFS).
    static func optimizerPath(_ name: String) -> (x: [Double], y: [Double]) {
        var x = -7.0, y = 2.0
        var xs = [x], ys = [y]
        var vx = 0.0, vy = 0.0, hx = 0.0, hy = 0.0, mx = 0.0, my = 0.0
        for t in 1...30 {
            let gx = x / 10, gy = 2 * y
            switch name {
            case "Momentum":
                vx = 0.9 * vx - 0.1 * gx
                vy = 0.9 * vy - 0.1 * gy
                x += vx
                y += vy
            case "AdaGrad":
                hx += gx * gx
                hy += gy * gy
                x -= 1.5 * gx / (hx.squareRoot() + 1e-7)
                y -= 1.5 * gy / (hy.squareRoot() + 1e-7)
            case "Adam":
                let lr = 0.3 * (1 - pow(0.999, Double(t))).squareRoot() / (1 - pow(0.9, Double(t)))
                mx += (1 - 0.9) * (gx - mx)
                my += (1 - 0.9) * (gy - my)
                hx += (1 - 0.999) * (gx * gx - hx)
                hy += (1 - 0.999) * (gy * gy - hy)
                x -= lr * mx / (hx.squareRoot() + 1e-7)
                y -= lr * my / (hy.squareRoot() + 1e-7)
            default:
                x -= 0.95 * gx
                y -= 0.95 * gy
            }
            xs.append(x)
            ys.append(y)
        }
        return (xs, ys)
    }

    static func contour(optimizer: String, id: String? = "gallery-contour") -> ContourPlot {
        var plot = ContourPlot(title: optimizer, x: -10...10, y: -5...5, id: id) { x, y in x * x / 20 + y * y }
        let path = optimizerPath(optimizer)
        plot.add(path: optimizer, x: path.x, y: path.y)
        plot.mark(x: 0, y: 0)
        return plot
    }

    static func labelledContour() -> ContourPlot {
        var plot = ContourPlot(
            title: "Rosenbrock, geometric levels", xLabel: "w₁", yLabel: "w₂",
            x: -2...2, y: -1...3, id: "gallery-rosen"
        ) { x, y in
            (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        }
        plot.levels = .geometric(9)
        plot.levelStyle = .coloredAndLabelled
        plot.mark(x: 1, y: 1, label: "minimum (1, 1)")
        return plot
    }

    static func confusion() -> HeatMap {
        var rng = SplitMix64(seed: 5)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
        for i in 0..<10 {
            for j in 0..<10 {
                let scale: Double = i == j ? 150 : (abs(i - j) == 1 || (i == 6 && j == 0) ? 90 : 12)
                counts[i][j] = (i == j ? 800 : 0) + Int(rng.uniform() * scale)
            }
        }
        return HeatMap.confusionMatrix(counts, classNames: fashionClasses, id: "gallery-confusion")
    }

    static func weights() -> HeatMap {
        var rng = SplitMix64(seed: 6)
        let w = (0..<50).map { _ in (0..<100).map { _ in rng.normal() * 0.1 } }
        return HeatMap(
            title: "First-layer weights (50 × 100)", values: w, xLabel: "input", yLabel: "unit",
            colorMap: .blueWhiteRed, squareCells: false, colorBarLabel: "weight",
            width: 640, height: 360, id: "gallery-weights")
    }

    /// Synthetic 28×28 "garments": rectangles and discs with soft edges.
    static func images() -> ImageGrid {
        var grid = ImageGrid(title: "Fashion-MNIST samples", columns: 5, id: "gallery-images")
        var rng = SplitMix64(seed: 7)
        for k in 0..<10 {
            var pixels = [Float](repeating: 0, count: 784)
            let cx = 14 + rng.normal() * 2, cy = 14 + rng.normal() * 2, r = 5 + Double(k % 5) * 1.5
            for j in 0..<28 {
                for i in 0..<28 {
                    let d =
                        k % 2 == 0
                        ? ((Double(i) - cx) * (Double(i) - cx) + (Double(j) - cy) * (Double(j) - cy)).squareRoot()
                        : max(abs(Double(i) - cx) * 1.4, abs(Double(j) - cy))
                    pixels[j * 28 + i] = Float(max(0, min(1, (r - d) / 2 + 0.2 * rng.uniform())))
                }
            }
            grid.add(image: pixels, caption: fashionClasses[k])
        }
        return grid
    }

    static func activationGrid() -> SubplotGrid {
        var rng = SplitMix64(seed: 8)
        var grid = SubplotGrid(
            title: "Sigmoid activations per layer, std 0.01 (values pile up at 0.5)",
            rows: 1, columns: 5, sharedY: true, panelWidth: 170, panelHeight: 190,
            id: "gallery-activation-grid")
        for layer in 1...5 {
            var h = Histogram(title: "layer \(layer)", xLabel: "activation", bins: 30, range: 0...1)
            let spread = 0.08 / Double(layer)
            h.add(values: (0..<2000).map { _ in 0.5 + rng.normal() * spread })
            grid.add(h)
        }
        return grid
    }

    static func batchNormGrid() -> SubplotGrid {
        var grid = SubplotGrid(
            title: "Training accuracy with and without batch normalization",
            rows: 4, columns: 4, sharedX: true, sharedY: true,
            xLabel: "epoch", yLabel: "training accuracy",
            panelWidth: 170, panelHeight: 130, id: "gallery-bn-grid")
        let epochs = Array(0..<20)
        for k in 0..<16 {
            let std = pow(10, -4 * Double(k) / 15)
            var chart = LineChart(title: "w std \(TickFormat.compact((std * 1000).rounded() / 1000 == 0 ? std : (std * 1000).rounded() / 1000))")
            let good = 1 - 0.9 * exp(-0.25 * Double(k + 2))
            chart.add(series: "batch norm", x: epochs, y: epochs.map { 0.1 + (good - 0.1) * (1 - exp(-Double($0) / 3)) })
            let plain = k < 3 || k > 12 ? 0.12 : 0.5 + 0.04 * Double(k)
            chart.add(series: "plain", x: epochs, y: epochs.map { 0.1 + (plain - 0.1) * (1 - exp(-Double($0) / 6)) }, dashed: true)
            grid.add(chart)
        }
        return grid
    }

    static func optimizerGrid() -> SubplotGrid {
        var grid = SubplotGrid(
            title: "Optimizer paths on f(x, y) = x²/20 + y², 30 updates from (−7, 2)",
            rows: 2, columns: 2, sharedLegend: false, panelWidth: 340, panelHeight: 250,
            id: "gallery-optimizers")
        for name in ["SGD", "Momentum", "AdaGrad", "Adam"] {
            var plot = contour(optimizer: name, id: nil)
            plot.legend = .hidden
            grid.add(plot)
        }
        return grid
    }
}

extension Gallery {
    /// Twenty curves with long labels and a Korean title: the legend must not spill.
    static func randomSearch() -> LineChart {
        var rng = SplitMix64(seed: 9)
        var chart = LineChart(
            title: "무작위 탐색: 상위 20개 검증 정확도 (random search, best 20)",
            xLabel: "에폭 (epoch)", yLabel: "검증 정확도", yLimits: 0...1, id: "gallery-search")
        let epochs = Array(0..<50)
        for k in 0..<20 {
            let lr = pow(10, -2 - 2 * rng.uniform()), decay = pow(10, -8 + 4 * rng.uniform())
            let top = 0.9 - Double(k) * 0.02
            chart.add(
                series: "lr \(TickFormat.compact((lr * 1e5).rounded() / 1e5)), λ \(TickFormat.compact(decay))",
                x: epochs, y: epochs.map { top * (1 - exp(-Double($0) / (4 + Double(k)))) })
        }
        return chart
    }
}
