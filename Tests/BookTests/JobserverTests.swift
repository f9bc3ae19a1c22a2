import Foundation
import Notebook
import Testing

@testable import Book

#if canImport(Glibc)
import Glibc
#endif

/// The jobserver's bookkeeping, with stand-in chapter programs talking to it over real
/// sockets.
@Suite struct JobserverTests {
    /// Counts workers running at once, whoever they are.
    final class Workers: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 0
        private(set) var peak = 0
        private(set) var done = 0
        func work(seconds: Double) {
            lock.lock()
            running += 1
            peak = max(peak, running)
            lock.unlock()
            Thread.sleep(forTimeInterval: seconds)
            lock.lock()
            running -= 1
            done += 1
            lock.unlock()
        }
        var counts: (peak: Int, done: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (peak, done)
        }
    }

    /// A chapter program's side, as the notebook runtime plays it: asks for `extra`
    /// threads, runs one worker per token, returns each, then says it wants no more.
    final class FakeProgram: @unchecked Sendable {
        let link: Jobserver.Link
        private let stop = NSLock()
        private var stopped = false
        /// Signalled when the pump has stopped reading: only then may the descriptors
        /// close (another test could get their numbers and lose bytes to this pump).
        private let pumpEnded = DispatchSemaphore(value: 0)
        private var pumping = false

        init(_ jobserver: Jobserver) throws { link = try jobserver.connect() }

        /// What `ChildProcess` does: hand what the program writes to the jobserver.
        func pump() {
            pumping = true
            Thread.detachNewThread { [self] in
                defer { pumpEnded.signal() }
                var buffer = [UInt8](repeating: 0, count: 64)
                while true {
                    stop.lock()
                    let done = stopped
                    stop.unlock()
                    if done { return }
                    var p = pollfd(fd: link.parentEnd, events: Int16(POLLIN), revents: 0)
                    guard poll(&p, 1, 20) > 0 else { continue }
                    let n = read(link.parentEnd, &buffer, buffer.count)
                    if n <= 0 {
                        if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                        return
                    }
                    buffer.withUnsafeBytes { link.receive(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                }
            }
        }

        func send(_ byte: UInt8) {
            var b = byte
            _ = write(link.childEnd, &b, 1)
        }

        /// The builder's next byte, or nil after 20 s (a test fails rather than hangs).
        func receive() -> UInt8? {
            var p = pollfd(fd: link.childEnd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 20_000) > 0 else { return nil }
            var byte: UInt8 = 0
            return read(link.childEnd, &byte, 1) == 1 ? byte : nil
        }

        /// What `replicate` does with `items` seeds: works through them on its own thread
        /// and on one more thread per token granted (asking for `items − 1`), each thread
        /// giving its token back when no item is left; says stop once all are taken.
        func run(items: Int, workers: Workers, seconds: Double) {
            final class Items: @unchecked Sendable {
                let lock = NSLock()
                var left: Int
                let onLast: @Sendable () -> Void
                init(_ n: Int, onLast: @escaping @Sendable () -> Void) {
                    left = n
                    self.onLast = onLast
                }
                func next() -> Bool {
                    lock.lock()
                    defer { lock.unlock() }
                    guard left > 0 else { return false }
                    left -= 1
                    if left == 0 { onLast() }
                    return true
                }
            }
            let queue = Items(items) { [self] in send(BudgetProtocol.stop) }
            let group = DispatchGroup()
            for _ in 0..<(items - 1) { send(BudgetProtocol.want) }
            group.enter()
            Thread.detachNewThread { [self] in
                // The dispatcher: one thread per token until the builder answers the stop.
                while let byte = receive(), byte != BudgetProtocol.stopped {
                    group.enter()
                    Thread.detachNewThread { [self] in
                        while queue.next() { workers.work(seconds: seconds) }
                        send(BudgetProtocol.giveBack)
                        group.leave()
                    }
                }
                group.leave()
            }
            while queue.next() { workers.work(seconds: seconds) }
            group.wait()
        }

        func close() {
            stop.lock()
            stopped = true
            stop.unlock()
            if pumping { pumpEnded.wait() }
            link.close()
            Glibc.close(link.childEnd)
        }
    }

    @Test func neverMoreThanItsTokensAtOnce() async throws {
        let jobserver = Jobserver(tokens: 3)
        let workers = Workers()
        let programs = try (0..<2).map { _ in try FakeProgram(jobserver) }
        for program in programs { program.pump() }
        await withTaskGroup(of: Void.self) { group in
            // Six chapters, two of which spread work over extra threads while they hold
            // their own token.
            for chapter in 0..<6 {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        Thread.detachNewThread {
                            jobserver.acquire(priority: chapter)
                            workers.work(seconds: 0.05)
                            if chapter < 2 { programs[chapter].run(items: 12, workers: workers, seconds: 0.03) }
                            jobserver.release()
                            done.resume()
                        }
                    }
                }
            }
        }
        for program in programs { program.close() }
        let counts = workers.counts
        #expect(counts.done == 6 + 2 * 12)
        #expect(counts.peak <= 3, "\(counts.peak) workers at once with 3 tokens")
        #expect(jobserver.peakInUse == 3, "the extra threads used the free tokens")
        #expect(jobserver.inUse == 0)
    }

    @Test func waitingChaptersGoFirstInPriorityOrder() throws {
        let jobserver = Jobserver(tokens: 2)
        jobserver.acquire()
        jobserver.acquire()
        let program = try FakeProgram(jobserver)
        program.pump()
        program.send(BudgetProtocol.want)
        final class Order: @unchecked Sendable {
            let lock = NSLock()
            var started: [Int] = []
            func add(_ p: Int) {
                lock.lock()
                started.append(p)
                lock.unlock()
            }
        }
        let order = Order()
        let group = DispatchGroup()
        for priority in [5, 1, 3] {
            group.enter()
            Thread.detachNewThread {
                jobserver.acquire(priority: priority)
                order.add(priority)
                Thread.sleep(forTimeInterval: 0.01)
                jobserver.release()
                group.leave()
            }
        }
        // Let all three wait, then free the token.
        Thread.sleep(forTimeInterval: 0.3)
        jobserver.release()
        group.wait()
        #expect(order.started == [1, 3, 5])
        // Only then does the program's wish get the token.
        #expect(program.receive() == BudgetProtocol.token)
        #expect(jobserver.inUse == 2)
        program.close()
        #expect(jobserver.inUse == 1, "closing the link took back the token the program held")
        jobserver.release()
    }

    @Test func aProgramThatEndsHoldingTokensLosesThem() throws {
        let jobserver = Jobserver(tokens: 3)
        jobserver.acquire()
        let program = try FakeProgram(jobserver)
        program.pump()
        for _ in 0..<5 { program.send(BudgetProtocol.want) }
        for _ in 0..<2 { #expect(program.receive() == BudgetProtocol.token) }
        #expect(jobserver.inUse == 3)
        // The program dies without giving anything back or saying stop.
        program.close()
        #expect(jobserver.inUse == 1)
        jobserver.release()
        #expect(jobserver.inUse == 0)
    }

    @Test func tokenSecondsMeasureHowFullTheBudgetWas() {
        let jobserver = Jobserver(tokens: 2)
        jobserver.acquire()
        jobserver.acquire()
        Thread.sleep(forTimeInterval: 0.2)
        jobserver.release()
        Thread.sleep(forTimeInterval: 0.2)
        jobserver.release()
        let held = jobserver.tokenSeconds
        // 2 tokens for 0.2 s, then 1 for 0.2 s; sleeps may only last longer.
        #expect(held >= 0.6 && held < 3, "\(held) token-seconds")
        Thread.sleep(forTimeInterval: 0.1)
        #expect(jobserver.tokenSeconds == held, "nothing held, nothing counted")
    }

    @Test func longestChaptersStartFirst() {
        #expect(ChapterJobs.longestFirst([3, nil, 10, 3, nil]) == [1, 3, 0, 2, 4])
        #expect(ChapterJobs.longestFirst([]) == [])
    }
}
