import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chapter program's side of the CPU budget (`BudgetProtocol`). Without the
/// variable (a program run by hand) the program uses the cores it has; with a value
/// that names no descriptor (the builder had none to give), one thread.
final class CPUBudget: @unchecked Sendable {
    static let environmentVariable = NotebookEnvironment.tokensDescriptor
    typealias Byte = BudgetProtocol

    static let shared = CPUBudget(environment: ProcessInfo.processInfo.environment)

    /// The builder's socket, or nil when the program runs on its own.
    let socket: Int32?
    /// Threads a program on its own may run at once.
    let cores: Int
    /// One lending at a time on the socket: a `.` answers the `s` of one lending.
    private let session = NSLock()

    init(environment: [String: String], cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let value = environment[Self.environmentVariable]
        socket = value.flatMap { Int32($0) }.flatMap { $0 >= 0 ? $0 : nil }
        // A builder that could not give the program a socket: one thread.
        self.cores = value != nil && socket == nil ? 1 : max(cores, 1)
    }

    /// Starts threads running `work` beside the caller's, up to `limit` of them, as
    /// the budget allows: at once when the program runs on its own, as the builder
    /// grants tokens otherwise. `hasWork` says whether a thread started now would find
    /// anything to do. Call `stopAsking()` on the result once all work is handed out,
    /// then `wait()` for the threads.
    func lend(
        upTo limit: Int, threadLimit: Int? = nil, hasWork: @escaping @Sendable () -> Bool,
        work: @escaping @Sendable () -> Void
    ) -> Lending {
        if let threadLimit {
            // Tests fix the number of threads.
            let lending = Lending(socket: nil, session: nil)
            for _ in 0..<min(limit, max(threadLimit - 1, 0)) { lending.startThread(work) }
            return lending
        }
        guard let socket else {
            let lending = Lending(socket: nil, session: nil)
            for _ in 0..<min(limit, cores - 1) { lending.startThread(work) }
            return lending
        }
        // Another thread of the program is lending already: this caller works alone.
        guard limit > 0, session.try() else { return Lending(socket: nil, session: nil) }
        let lending = Lending(socket: socket, session: session)
        for _ in 0..<limit { lending.write(Byte.want) }
        lending.dispatch(hasWork: hasWork, work: work)
        return lending
    }
}

/// Threads lent to one `replicate` call, and the conversation with the builder that
/// brought them.
final class Lending: @unchecked Sendable {
    private let condition = NSCondition()
    private let socket: Int32?
    private var session: NSLock?
    private var running = 0
    private var dispatching = false
    private var stopped = false

    init(socket: Int32?, session: NSLock?) {
        self.socket = socket
        self.session = session
    }

    /// Tells the builder no more tokens are wanted (once; nothing without a builder).
    func stopAsking() {
        condition.lock()
        let first = !stopped
        stopped = true
        condition.unlock()
        if first, socket != nil { write(BudgetProtocol.stop) }
    }

    /// Waits until every lent thread has finished and the builder has answered `s`.
    func wait() {
        stopAsking()
        condition.lock()
        while running > 0 || dispatching { condition.wait() }
        condition.unlock()
        session?.unlock()
        session = nil
    }

    /// Starts a thread with an 8 MiB stack (the size of the main thread's, which chapter
    /// code is written for) running `work`; it gives its token back when done.
    func startThread(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        running += 1
        condition.unlock()
        let thread = Thread { [self] in
            work()
            if socket != nil { write(BudgetProtocol.giveBack) }
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Reads the builder's answers on a thread of its own until it says `.` (or the
    /// socket closes): each token starts a thread, or goes straight back when all the
    /// work has been handed out.
    func dispatch(hasWork: @escaping @Sendable () -> Bool, work: @escaping @Sendable () -> Void) {
        guard let socket else { return }
        condition.lock()
        dispatching = true
        condition.unlock()
        let thread = Thread { [self] in
            var byte: UInt8 = 0
            while true {
                let n = read(socket, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 || byte == BudgetProtocol.stopped { break }
                guard byte == BudgetProtocol.token else { continue }
                if hasWork() { startThread(work) } else { write(BudgetProtocol.giveBack) }
            }
            condition.lock()
            dispatching = false
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// One protocol byte to the builder. A builder that has gone away is no error:
    /// the program goes on with the threads it has.
    func write(_ byte: UInt8) {
        guard let socket else { return }
        var byte = byte
        while true {
            #if canImport(Glibc)
            var n = send(socket, &byte, 1, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == ENOTSOCK { n = Glibc.write(socket, &byte, 1) }
            #else
            let n = Darwin.write(socket, &byte, 1)
            #endif
            if n < 0 && errno == EINTR { continue }
            return
        }
    }
}
