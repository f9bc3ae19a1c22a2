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
    /// Parts each minibatch is split into (part of the computation: changes rounding).
    var parts = 2
    /// Threads computing the parts; nil: one per core, at most `parts`.
    var threads: Int?
    var directory: String?
    /// fit's network and batch (defaults in Fit.swift).
    var hidden: [Int]?
    var dropout: Double?
    var inputDropout: Double?
    var batch: Int?
    /// fit's augmentation (off by default): shifts of up to this many pixels, and
    /// left–right flips.
    var shift = 0
    var flip = false

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        var rest = arguments[...]
        func value(for flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return v
        }
        func positive(_ flag: String) throws -> Int {
            let v = try value(for: flag)
            guard let n = Int(v), n > 0 else { throw UsageError(description: "\(flag): not a positive number: \(v)") }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "fit": command = .fit
            case "--only": only = try value(for: argument)
            case "--updates": updates = try positive(argument)
            case "--epochs": epochs = try positive(argument)
            case "--parts": parts = try positive(argument)
            case "--threads": threads = try positive(argument)
            case "--seconds":
                let v = try value(for: argument)
                guard let n = Double(v), n > 0 else { throw UsageError(description: "--seconds: not a positive number: \(v)") }
                seconds = n
            case "--dir": directory = try value(for: argument)
            case "--batch": batch = try positive(argument)
            case "--flip": flip = true
            case "--shift":
                let v = try value(for: argument)
                guard let n = Int(v), n >= 0, n < 14 else { throw UsageError(description: "--shift: not a pixel count in 0..<14: \(v)") }
                shift = n
            case "--hidden":
                let v = try value(for: argument)
                let sizes = v.split(separator: ",").compactMap { Int($0) }
                guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }), sizes.count == v.split(separator: ",").count else {
                    throw UsageError(description: "--hidden: not a comma-separated list of positive sizes: \(v)")
                }
                hidden = sizes
            case "--dropout", "--input-dropout":
                let v = try value(for: argument)
                guard let r = Double(v), r >= 0, r < 1 else { throw UsageError(description: "\(argument): not a ratio in [0, 1): \(v)") }
                if argument == "--dropout" { dropout = r } else { inputDropout = r }
            case "-h", "--help":
                print(
                    """
                    usage: engine-bench [fit] [--only NAME] [--updates N] [--epochs N] [--seconds S]
                                        [--parts N] [--threads N] [--dir DIR]
                           fit only: [--hidden 512,256] [--dropout R] [--input-dropout R] [--batch N]
                                     [--shift PIXELS] [--flip]
                    """)
                exit(0)
            default:
                throw UsageError(description: "unknown argument \(argument); see engine-bench --help")
            }
        }
    }

    /// Threads for the parts: as asked, else one per core, never more than the parts.
    var threadCount: Int {
        Swift.min(parts, threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
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
/// the wall-clock `seconds` depend on what else runs; this depends on it less.
func cpuSecondsNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// One JSON object on one line, flushed, so a script can read results as they come.
/// Non-finite numbers are written as null.
func printResult(_ fields: KeyValuePairs<String, Any>) {
    func number(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return "\((x * scale).rounded() / scale)"
    }
    let body = fields.map { key, value -> String in
        let text: String
        switch value {
        case let s as String: text = "\"\(s)\""
        case let i as Int: text = "\(i)"
        case let d as Double: text = number(d, key.hasSuffix("loss") || key.hasSuffix("acc") ? 4 : 3)
        default: text = "null"
        }
        return "\"\(key)\": \(text)"
    }
    print("{" + body.joined(separator: ", ") + "}")
    fflush(nil)
}
