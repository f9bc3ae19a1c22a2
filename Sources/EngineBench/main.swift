// engine-bench: how fast and how well the engine trains on Fashion-MNIST.
//
//   engine-bench                 the DLFS optimizer comparison (one JSON line each)
//   engine-bench fit             the best MLP trained within about a minute
//
// Options: --only NAME (one optimizer of the comparison), --updates N, --epochs N
// or --seconds S (fit's length; default 50 s of training), --parts N (minibatch
// parts, default 2), --threads N (threads for the parts; default one per core),
// --dir DIR (the dataset directory).
import NeuralEngine

#if canImport(Glibc)
import Glibc
#endif

do {
    let options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    // Parts run on threads of their own; a product never uses more than its thread.
    BLAS.threadCount = 1
    printError(
        "engine-bench: \(options.parts) part\(options.parts == 1 ? "" : "s") on \(options.threadCount) thread\(options.threadCount == 1 ? "" : "s")")
    switch options.command {
    case .optimizerComparison: try runOptimizerComparison(options)
    case .fit: try runFit(options)
    }
} catch {
    printError("engine-bench: \(error)")
    exit(1)
}
