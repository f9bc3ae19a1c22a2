// engine-bench: how fast and how well the engine trains on Fashion-MNIST.
//
//   engine-bench                 the DLFS optimizer comparison (one JSON line each)
//   engine-bench fit             the best MLP trained within about a minute
//
// Options: --only NAME (one optimizer of the comparison), --updates N, --epochs N
// or --seconds S (fit's length; default 50 s of training), --threads N|auto (OpenBLAS threads; by default measured: see Threading.swift),
// --dir DIR (the dataset directory).
import NeuralEngine
#if canImport(Glibc)
import Glibc
#endif

do {
    let options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    options.applyThreading()
    switch options.command {
    case .optimizerComparison: try runOptimizerComparison(options)
    case .fit: try runFit(options)
    }
} catch {
    printError("engine-bench: \(error)")
    exit(1)
}
