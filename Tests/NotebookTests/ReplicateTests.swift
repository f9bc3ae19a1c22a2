import Foundation
import NotebookProtocol
import Testing

@testable import Notebook

/// Counts how many bodies run at once and in what order they finish.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var peak = 0
    private(set) var finished: [UInt64] = []
    func enter() {
        lock.lock()
        running += 1
        peak = max(peak, running)
        lock.unlock()
    }
    func leave(_ seed: UInt64) {
        lock.lock()
        running -= 1
        finished.append(seed)
        lock.unlock()
    }
}

struct SeedFailed: Error, Equatable { var seed: UInt64 }

extension ChannelTests {
    @Suite struct ReplicateTests {
        /// A small experiment that shows something of every kind on the page; later
        /// seeds finish first when they run at once.
        static func experiment(_ seed: UInt64, tally: Tally, seeds: Int) -> (loss: Double, curve: [Double]) {
            tally.enter()
            var rng = SeededRandom(seed: seed)
            let curve = (0..<20).map { _ in rng.uniform() }
            print("seed", seed, "drew", curve[0])
            progress(1, of: 2, label: "train")
            table(["seed", "first"], [[Int(seed), curve[0]]])
            expect("seed \(seed) draws below 1", curve[0], lessThan: 1)
            Thread.sleep(forTimeInterval: 0.03 * Double(seeds - Int(seed)))
            progress(2, of: 2, label: "train")
            tally.leave(seed)
            return (curve.reduce(0, +), curve)
        }

        static func run(threads: Int) -> (Replicates<(loss: Double, curve: [Double])>, [NotebookMessage], Tally) {
            replicateThreadLimit = threads
            defer { replicateThreadLimit = nil }
            let tally = Tally()
            var runs: Replicates<(loss: Double, curve: [Double])>?
            let messages = ChannelTests.capture {
                runs = replicate(seeds: 1...6) { seed in experiment(seed, tally: tally, seeds: 6) }
            }
            return (runs!, messages, tally)
        }

        static func page(_ messages: [NotebookMessage]) -> [NotebookMessage] {
            messages.filter { if case .progress = $0 { return false } else { return true } }
        }

        @Test func resultsAndPageAreTheSameWhateverTheThreadsAndOrder() {
            let (serial, serialPage, serialTally) = Self.run(threads: 1)
            #expect(serialTally.peak == 1)
            #expect(serialTally.finished == [1, 2, 3, 4, 5, 6])
            for threads in [2, 4] {
                let (parallel, parallelPage, tally) = Self.run(threads: threads)
                #expect(tally.peak > 1 && tally.peak <= threads, "\(threads) threads: \(tally.peak) at once")
                #expect(tally.finished != [1, 2, 3, 4, 5, 6], "later seeds should finish first: \(tally.finished)")
                #expect(parallel.seeds == [1, 2, 3, 4, 5, 6])
                #expect(parallel.map(\.loss) == serial.map(\.loss))
                #expect(parallel.map(\.curve) == serial.map(\.curve))
                #expect(Self.page(parallelPage) == Self.page(serialPage))
            }
            // The page shows seed 1's results first, each seed's in the order it sent them.
            let texts = serialPage.compactMap { if case .text(let s) = $0 { return s } else { return nil } }
            #expect(texts.first?.hasPrefix("seed 1 drew") == true)
            #expect(texts.count == 6)
            let kinds = Self.page(serialPage).prefix(4).map { message -> String in
                switch message {
                case .text: return "text"
                case .table: return "table"
                case .expectation: return "expectation"
                default: return "other"
                }
            }
            #expect(kinds == ["text", "table", "expectation", "text"])
        }

        @Test func progressIsCombinedAcrossSeeds() {
            let (_, messages, _) = Self.run(threads: 3)
            let updates = messages.compactMap { if case .progress(let p) = $0 { return p } else { return nil } }
            #expect(!updates.isEmpty)
            #expect(updates.allSatisfy { $0.label == "train, 6 seeds" || $0.label == "6 seeds" })
            #expect(updates.last == ProgressUpdate(done: 12, total: 12, label: "train, 6 seeds"))
        }

        @Test func theFirstSeedToThrowInSeedOrderDecides() {
            for threads in [1, 3] {
                replicateThreadLimit = threads
                defer { replicateThreadLimit = nil }
                var caught: SeedFailed?
                let messages = ChannelTests.capture {
                    do throws(SeedFailed) {
                        _ = try replicate(seeds: [10, 11, 12, 13, 14]) { seed throws(SeedFailed) -> Double in
                            // Seed 14 fails at once; seed 12, first in seed order, later.
                            Thread.sleep(forTimeInterval: seed == 12 ? 0.05 : 0)
                            print("seed \(seed)")
                            if seed == 12 || seed == 14 { throw SeedFailed(seed: seed) }
                            return Double(seed)
                        }
                    } catch {
                        caught = error
                    }
                }
                #expect(caught == SeedFailed(seed: 12), "\(threads) threads")
                #expect(Self.page(messages) == [NotebookMessage.text("seed 10\n"), .text("seed 11\n"), .text("seed 12\n")], "\(threads) threads")
            }
        }

        @Test func aReplicateInsideAnotherRunsInOrder() {
            replicateThreadLimit = 3
            defer { replicateThreadLimit = nil }
            var outer: Replicates<[Double]>?
            let messages = ChannelTests.capture {
                outer = replicate(seeds: 1...3) { seed in
                    let inner = replicate(seeds: [seed * 10, seed * 10 + 1]) { s in
                        print(s)
                        return Double(s)
                    }
                    return inner.values
                }
            }
            #expect(outer?.values == [[10, 11], [20, 21], [30, 31]])
            #expect(Self.page(messages) == ["10", "11", "20", "21", "30", "31"].map { .text($0 + "\n") })
        }

        /// The closure must not outlive `replicate`, even while lent threads wind down
        /// (`withoutActuallyEscaping` traps if it does).
        @Test func manyShortRunsLeaveNothingBehind() {
            replicateThreadLimit = 4
            defer { replicateThreadLimit = nil }
            for round in 0..<300 {
                let r = replicate(seeds: 1...5) { seed in Double(seed) * 2 }
                #expect(r.values == [2, 4, 6, 8, 10], "round \(round)")
            }
        }

        @Test func printedTextOfSeedsShareTheBlockLimit() {
            replicateThreadLimit = 2
            defer { replicateThreadLimit = nil }
            let limit = Channel.shared.textLimit
            let messages = ChannelTests.capture {
                _notebookBlockStart(0)
                _ = replicate(seeds: 1...3) { _ in
                    for _ in 0..<(limit / 1000 + 5) { print(String(repeating: "x", count: 999)) }
                    return 0.0
                }
                _notebookBlockEnd(0)
            }
            let printed = messages.compactMap { if case .text(let s) = $0 { return s.utf8.count } else { return nil } }
            #expect(printed.reduce(0, +) == limit)
            #expect(messages.contains(.textCut(omittedBytes: 3 * (limit / 1000 + 5) * 1000 - limit)))
        }
    }
}
