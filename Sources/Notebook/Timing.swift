import Foundation

/// The fastest of `repeats` runs of `body`, in seconds of wall-clock time.
///
/// Taking the minimum rather than the mean discards runs slowed by other work on the
/// machine. Timings differ from machine to machine and run to run: show them as
/// timings, never check them against fixed numbers.
public func fastestOf(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    precondition(repeats >= 1, "fastestOf needs at least one run, got \(repeats)")
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}
