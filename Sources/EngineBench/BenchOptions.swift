import NeuralEngine
#if canImport(Glibc)
import Glibc
#endif

/// The command line of engine-bench, parsed by hand: the executable depends on the
/// engine alone.
struct BenchOptions {
    enum Command { case optimizerComparison, fit }

    var command = Command.optimizerComparison
    var only: String?
    var updates: Int?
    var epochs: Int?
    /// fit's time budget for training.
    var seconds: Double?
    /// OpenBLAS threads; nil measures which is faster now (`fastestBLASThreadCount`).
    var threads: Int?
    var directory: String?

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        var rest = arguments[...]
        func value(for flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return v
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "fit": command = .fit
            case "--only": only = try value(for: argument)
            case "--updates":
                let v = try value(for: argument)
                guard let n = Int(v), n > 0 else { throw UsageError(description: "--updates: not a positive number: \(v)") }
                updates = n
            case "--epochs":
                let v = try value(for: argument)
                guard let n = Int(v), n > 0 else { throw UsageError(description: "--epochs: not a positive number: \(v)") }
                epochs = n
            case "--seconds":
                let v = try value(for: argument)
                guard let n = Double(v), n > 0 else { throw UsageError(description: "--seconds: not a positive number: \(v)") }
                seconds = n
            case "--threads":
                let v = try value(for: argument)
                if v == "auto" { threads = nil; continue }
                guard let n = Int(v), n > 0 else { throw UsageError(description: "--threads: not a positive number or auto: \(v)") }
                threads = n
            case "--dir": directory = try value(for: argument)
            case "-h", "--help":
                print("usage: engine-bench [fit] [--only NAME] [--updates N] [--epochs N] [--seconds S] [--threads N|auto] [--dir DIR]")
                exit(0)
            default:
                throw UsageError(description: "unknown argument \(argument); see engine-bench --help")
            }
        }
    }

    /// Sets OpenBLAS's thread count and says on standard error what it chose.
    func applyThreading() {
        let count = threads ?? fastestBLASThreadCount()
        BLAS.threadCount = count
        printError("engine-bench: \(count) BLAS thread\(count == 1 ? "" : "s")\(threads == nil ? " (measured fastest)" : "")")
    }
}

/// A monotonic clock in seconds.
func secondsNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// CPU time of this process in seconds, all threads together. On a shared machine
/// the wall-clock `seconds` depend on what else runs; with one BLAS thread this does
/// not (much).
func cpuSecondsNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// `{"run": …, "seconds": …, "final_loss": …, "test_acc": …, "cpu_seconds": …}` on one
/// line, flushed, so a script can read results as they come. `seconds` is wall-clock
/// time of the training loop; `cpu_seconds` the CPU time it used.
func printResult(run: String, seconds: Double, finalLoss: Double, testAccuracy: Double, cpuSeconds: Double) {
    func number(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return "\((x * scale).rounded() / scale)"
    }
    print("{\"run\": \"\(run)\", \"seconds\": \(number(seconds, 3)), \"final_loss\": \(number(finalLoss, 4)), \"test_acc\": \(number(testAccuracy, 4)), \"cpu_seconds\": \(number(cpuSeconds, 3))}")
    fflush(nil)
}
