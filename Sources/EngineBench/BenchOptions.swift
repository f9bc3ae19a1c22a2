import CBLAS
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
    /// OpenBLAS threads. One by default: the products here are small (at most
    /// 128×784 by 784×100 in the comparison), and a second thread costs more in
    /// hand-offs than it saves — measured in Benchmarks/README.md.
    var threads = 1
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
            case "--threads":
                let v = try value(for: argument)
                guard let n = Int(v), n > 0 else { throw UsageError(description: "--threads: not a positive number: \(v)") }
                threads = n
            case "--dir": directory = try value(for: argument)
            case "-h", "--help":
                print("usage: engine-bench [fit] [--only NAME] [--updates N] [--threads N] [--dir DIR]")
                exit(0)
            default:
                throw UsageError(description: "unknown argument \(argument); see engine-bench --help")
            }
        }
    }

    func applyThreading() {
        openblas_set_num_threads(Int32(threads))
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

/// `{"run": …, "seconds": …, "final_loss": …, "test_acc": …}` on one line, flushed, so
/// a script can read results as they come.
func printResult(run: String, seconds: Double, finalLoss: Double, testAccuracy: Double) {
    func number(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return "\((x * scale).rounded() / scale)"
    }
    print("{\"run\": \"\(run)\", \"seconds\": \(number(seconds, 3)), \"final_loss\": \(number(finalLoss, 4)), \"test_acc\": \(number(testAccuracy, 4))}")
    fflush(nil)
}
