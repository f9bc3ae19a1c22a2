import Foundation
import NotebookProtocol
import Testing

@testable import Notebook

#if canImport(Glibc)
import Glibc
#endif

/// The program's side of the CPU budget against a stand-in builder that grants a fixed
/// number of tokens.
@Suite struct CPUBudgetTests {
    /// Reads the program's bytes and answers as the builder does, granting at most
    /// `grants` tokens at once.
    final class FakeBuilder: @unchecked Sendable {
        let socket: Int32
        let grants: Int
        private let lock = NSLock()
        private(set) var wanted = 0, held = 0, granted = 0, returned = 0, stops = 0

        init(socket: Int32, grants: Int) {
            self.socket = socket
            self.grants = grants
        }

        /// Signalled when the builder has read the end of the program's stream.
        let ended = DispatchSemaphore(value: 0)

        func serve() {
            Thread.detachNewThread { [self] in
                defer { ended.signal() }
                var byte: UInt8 = 0
                while read(socket, &byte, 1) == 1 {
                    lock.lock()
                    switch byte {
                    case UInt8(ascii: "w"): wanted += 1
                    case UInt8(ascii: "r"):
                        held -= 1
                        returned += 1
                    case UInt8(ascii: "s"):
                        wanted = 0
                        stops += 1
                        send(UInt8(ascii: "."))
                    default: break
                    }
                    while wanted > 0 && held < grants {
                        wanted -= 1
                        held += 1
                        granted += 1
                        send(UInt8(ascii: "t"))
                    }
                    lock.unlock()
                }
            }
        }

        private func send(_ byte: UInt8) {
            var b = byte
            _ = write(socket, &b, 1)
        }
        var counts: (granted: Int, returned: Int, held: Int, stops: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (granted, returned, held, stops)
        }
    }

    final class Work: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int
        private var running = 0
        private(set) var peak = 0
        init(items: Int) { left = items }
        var hasWork: Bool {
            lock.lock()
            defer { lock.unlock() }
            return left > 0
        }
        func run() {
            while true {
                lock.lock()
                guard left > 0 else {
                    lock.unlock()
                    return
                }
                left -= 1
                running += 1
                peak = max(peak, running)
                lock.unlock()
                Thread.sleep(forTimeInterval: 0.01)
                lock.lock()
                running -= 1
                lock.unlock()
            }
        }
    }

    @Test func threadsFollowTheGrantsAndGoBack() throws {
        var fds: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        let builder = FakeBuilder(socket: fds[1], grants: 2)
        builder.serve()
        // The builder stops reading before its descriptor closes: a reused number must
        // not lose bytes to it.
        defer {
            close(fds[0])
            builder.ended.wait()
            close(fds[1])
        }
        let budget = CPUBudget(environment: [CPUBudget.environmentVariable: String(fds[0])])
        #expect(budget.socket == fds[0])
        for round in 1...2 {
            let work = Work(items: 40)
            let lending = budget.lend(upTo: 7, hasWork: { work.hasWork }, work: { work.run() })
            work.run()
            lending.stopAsking()
            lending.wait()
            #expect(!work.hasWork)
            #expect(work.peak >= 2 && work.peak <= 3, "the caller and at most 2 granted threads: \(work.peak)")
            // The builder reads the last returns in its own time.
            let deadline = Date().addingTimeInterval(10)
            while builder.counts.held != 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            let counts = builder.counts
            #expect(counts.held == 0, "every token went back")
            #expect(counts.granted == counts.returned)
            #expect(counts.stops == round)
        }
    }

    @Test func onItsOwnAProgramUsesItsCores() {
        let budget = CPUBudget(environment: [:], cores: 3)
        #expect(budget.socket == nil)
        let work = Work(items: 30)
        let lending = budget.lend(upTo: 10, hasWork: { work.hasWork }, work: { work.run() })
        work.run()
        lending.wait()
        #expect(work.peak <= 3)
        #expect(!work.hasWork)
    }
}
