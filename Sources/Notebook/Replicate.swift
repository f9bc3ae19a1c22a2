import Foundation
import NotebookProtocol

/// Runs an experiment once per seed and returns what each seed gave, in seed order.
///
///     let runs = replicate(seeds: 1...5) { seed in
///         var net = MLP<Float>(sizes: [784, 100, 10], seed: seed)
///         var sgd = SGD<Float>(learningRate: 0.1)
///         let trainer = Trainer(batchSize: 100, updates: 2_000, evaluation: .never, seed: seed)
///         let result = trainer.train(&net, optimizer: &sgd, on: train)
///         return (test: net.accuracy(test), losses: result.history.losses)
///     }
///
/// Seeds run in parallel on the threads the build's CPU budget gives the chapter (all
/// the cores when the program runs on its own). The results do not depend on how many
/// threads there were or which seed finished first: each seed's value is kept in its
/// place, and whatever a seed shows on the page (printed text, tables, figures,
/// expectations) is held back and shown after the run, seed by seed in seed order.
/// Progress is combined across seeds.
///
/// The closure runs on several threads at once: it must build its own network,
/// optimizer and trainer from the seed, and only read what lies outside it (the
/// datasets). If it throws, the error of the first seed (in seed order) that threw is
/// rethrown and what later seeds showed is dropped. A `replicate` inside another runs
/// its seeds one after another on its caller's thread.
public func replicate<Value, E: Error>(
    seeds: some Sequence<UInt64>, _ body: @Sendable (UInt64) throws(E) -> Value
) throws(E) -> Replicates<Value> {
    let seeds = Array(seeds)
    precondition(!seeds.isEmpty, "replicate: no seeds given")
    precondition(Set(seeds).count == seeds.count, "replicate: seeds must be distinct, got \(seeds)")
    // Inside another replicate the thread already does its share of the work.
    if seeds.count == 1 || Capture.current != nil {
        var values: [Value] = []
        for seed in seeds { values.append(try body(seed)) }
        return Replicates(seeds: seeds, values: values)
    }
    let results: [Result<Value, E>] = withoutActuallyEscaping(body) { body in
        let run = ReplicateRun(seeds: seeds, body: body)
        return run.execute()
    }
    var values: [Value] = []
    values.reserveCapacity(results.count)
    for result in results {
        switch result {
        case .success(let value): values.append(value)
        case .failure(let error): throw error
        }
    }
    return Replicates(seeds: seeds, values: values)
}

/// One parallel `replicate`: hands out seeds to threads, keeps each result in its
/// place, and replays each seed's captured output as soon as every earlier seed's has
/// been replayed.
final class ReplicateRun<Value, E: Error>: @unchecked Sendable {
    private let seeds: [UInt64]
    /// The experiment, dropped once every seed has run: the threads the budget lent
    /// may still hold this object for a moment after `execute` returns, and the closure
    /// must not outlive the `replicate` call (`withoutActuallyEscaping` checks).
    private var body: ((UInt64) throws(E) -> Value)?
    private let lock = NSCondition()
    private var next = 0
    private var results: [Result<Value, E>?]
    private var captures: [Capture] = []
    /// The first seed (by index) that threw: no later seed is started.
    private var firstFailure: Int?
    private let replayLock = NSLock()
    private var replayed = 0
    private let progress: CombinedProgress
    /// The threads lent by the budget, told to stop asking once the last seed is out.
    private var lending: Lending?

    init(seeds: [UInt64], body: @escaping (UInt64) throws(E) -> Value) {
        self.seeds = seeds
        self.body = body
        results = Array(repeating: nil, count: seeds.count)
        progress = CombinedProgress(seeds: seeds.count)
        captures = seeds.indices.map { [progress] i in
            Capture(textLimit: Channel.shared.textLimit) { progress.update(seed: i, $0) }
        }
    }

    func execute() -> [Result<Value, E>] {
        let lending = CPUBudget.shared.lend(
            upTo: seeds.count - 1, threadLimit: replicateThreadLimit,
            hasWork: { [self] in hasUnstartedSeeds },
            work: { [self] in work() })
        lock.lock()
        self.lending = lending
        lock.unlock()
        work()
        lending.wait()
        replayReady()
        lock.lock()
        defer { lock.unlock() }
        body = nil
        // Seeds after the first failure never ran; their results are not needed.
        let end = firstFailure.map { $0 + 1 } ?? seeds.count
        return results[..<end].map { $0! }
    }

    private var hasUnstartedSeeds: Bool {
        lock.lock()
        defer { lock.unlock() }
        return next < seeds.count && firstFailure == nil
    }

    /// Runs seeds until none is left to start; tells the budget when the last seed has
    /// been handed out, so tokens go where they are needed.
    private func work() {
        while let (i, body) = take() {
            if i == seeds.count - 1 { stopAsking() }
            let result = captures[i].capturing { () -> Result<Value, E> in
                do throws(E) { return .success(try body(seeds[i])) } catch { return .failure(error) }
            }
            lock.lock()
            results[i] = result
            if case .failure = result, firstFailure.map({ i < $0 }) ?? true { firstFailure = i }
            lock.unlock()
            progress.finished(seed: i)
            replayReady()
        }
        stopAsking()
    }

    private func stopAsking() {
        lock.lock()
        let lending = self.lending
        lock.unlock()
        lending?.stopAsking()
    }

    /// The next seed to run, and the experiment to run it with.
    private func take() -> (Int, (UInt64) throws(E) -> Value)? {
        lock.lock()
        defer { lock.unlock() }
        guard next < seeds.count, firstFailure.map({ next <= $0 }) ?? true, let body else { return nil }
        next += 1
        return (next - 1, body)
    }

    /// Replays the captured output of the finished seeds that follow those already
    /// replayed, in seed order; stops after a seed that threw.
    private func replayReady() {
        replayLock.lock()
        defer { replayLock.unlock() }
        while true {
            lock.lock()
            let stop =
                replayed >= seeds.count || results[replayed] == nil
                || firstFailure.map { replayed > $0 } ?? false
            lock.unlock()
            if stop { return }
            Channel.shared.replay(captures[replayed].take())
            replayed += 1
        }
    }
}

/// The number of threads (the caller's included) tests fix; nil follows the budget.
nonisolated(unsafe) var replicateThreadLimit: Int?

/// One progress display for all the seeds of a `replicate`: the seeds' own loops
/// summed (`SGD, 5 seeds [████····] 4200/10000`), or seeds finished when the closure
/// reports no progress (`5 seeds [██······] 2/5`).
final class CombinedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var done: [Int]
    private var totals: [Int?]
    private var finished: [Bool]
    private var label: String?

    init(seeds: Int) {
        count = seeds
        done = Array(repeating: 0, count: seeds)
        totals = Array(repeating: nil, count: seeds)
        finished = Array(repeating: false, count: seeds)
    }

    func update(seed i: Int, _ update: ProgressUpdate) {
        lock.lock()
        done[i] = update.done
        totals[i] = update.total
        if update.label != nil { label = update.label }
        let combined = combinedLocked()
        lock.unlock()
        Channel.shared.sendProgress(combined)
    }

    func finished(seed i: Int) {
        lock.lock()
        finished[i] = true
        let combined = combinedLocked()
        lock.unlock()
        Channel.shared.sendProgress(combined)
    }

    private func combinedLocked() -> ProgressUpdate {
        let seeds = "\(count) seeds"
        guard let total = totals.compactMap({ $0 }).max(), total > 0 else {
            return ProgressUpdate(done: finished.filter { $0 }.count, total: count, label: seeds)
        }
        let sum = (0..<count).reduce(0) { $0 + (finished[$1] ? total : min(max(done[$1], 0), total)) }
        return ProgressUpdate(done: sum, total: total * count, label: label.map { "\($0), \(seeds)" } ?? seeds)
    }
}
