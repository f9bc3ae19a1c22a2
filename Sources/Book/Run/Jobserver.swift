import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The build's CPU budget: `tokens` threads may do work at once across every chapter
/// program (and the compiler runs that precede them). Like GNU make's jobserver, but
/// the builder keeps the books: it knows what each program holds and takes it back
/// when the program ends, however it ends, so a program that traps or is killed while
/// holding tokens loses nothing.
///
/// A chapter holds one token from the start of its compile to the end of its run
/// (`acquire`/`release`). Its program asks for more over a socket (`connect`, and
/// `BudgetProtocol` for the bytes) when `replicate` has seeds to spread; tokens go
/// first to chapters waiting to start, then, one at a time, to the program holding
/// the fewest. So while chapters wait, no program gets extra threads; when one long
/// chapter is left, its replicates get every token.
public final class Jobserver: @unchecked Sendable {
    /// How many threads may work at once.
    public let tokens: Int

    private let condition = NSCondition()
    private var free: Int
    private var waiting: [Waiter] = []
    private var programs: [Program] = []
    private var nextTicket = 0
    private var peak = 0
    /// Token-seconds held so far, and when the count of tokens out last changed.
    private var heldSeconds = 0.0
    private var lastChange = Date()

    private final class Waiter {
        let priority: Int, ticket: Int
        var granted = false
        init(priority: Int, ticket: Int) {
            self.priority = priority
            self.ticket = ticket
        }
    }

    /// One connected chapter program: its end of the socket and what it holds.
    fileprivate final class Program {
        let socket: Int32, ticket: Int
        var held = 0, wanted = 0
        init(socket: Int32, ticket: Int) {
            self.socket = socket
            self.ticket = ticket
        }
    }

    public init(tokens: Int) {
        precondition(tokens >= 1, "Jobserver: at least one token, got \(tokens)")
        self.tokens = tokens
        free = tokens
    }

    /// The most tokens that were out at once (for tests and reports).
    public var peakInUse: Int {
        condition.lock()
        defer { condition.unlock() }
        return peak
    }

    /// Tokens out now.
    public var inUse: Int {
        condition.lock()
        defer { condition.unlock() }
        return tokens - free
    }

    /// Seconds of tokens held since the jobserver was made (two tokens for three seconds
    /// are six): how full the budget was kept, whatever else the machine was doing.
    public var tokenSeconds: Double {
        condition.lock()
        defer { condition.unlock() }
        account()
        return heldSeconds
    }

    /// Adds the time since the last change at the current count. Called with the lock
    /// held, before every change of `free`.
    private func account() {
        let now = Date()
        heldSeconds += now.timeIntervalSince(lastChange) * Double(tokens - free)
        lastChange = now
    }

    /// Blocks until a token is this caller's. Waiting chapters go first by `priority`
    /// (lower first, then in order of arrival), before any extra thread for a program.
    public func acquire(priority: Int = 0) {
        condition.lock()
        defer { condition.unlock() }
        let waiter = Waiter(priority: priority, ticket: nextTicket)
        nextTicket += 1
        waiting.append(waiter)
        distribute()
        while !waiter.granted { condition.wait() }
    }

    /// Gives back a token from `acquire`.
    public func release() {
        condition.lock()
        defer { condition.unlock() }
        account()
        free += 1
        distribute()
    }

    // MARK: - Chapter programs

    /// The builder's side of one program's socket. `childEnd` is for the program's
    /// descriptor (`ChildProcess.tokenSocket` closes it once the program has started);
    /// feed what arrives on `parentEnd` to `receive`, and `close` when the program has
    /// ended, which takes back everything it held.
    public final class Link: @unchecked Sendable {
        public let childEnd: Int32
        public let parentEnd: Int32
        private weak var server: Jobserver?
        private let program: Program
        private var closed = false

        fileprivate init(server: Jobserver, program: Program, childEnd: Int32) {
            self.server = server
            self.program = program
            self.childEnd = childEnd
            parentEnd = program.socket
        }

        /// Bytes the program sent.
        public func receive(_ bytes: UnsafeRawBufferPointer) { server?.receive(bytes, from: program) }

        /// Reclaims what the program held and closes the builder's end. Call once the
        /// program has ended.
        public func close() {
            guard !closed else { return }
            closed = true
            server?.disconnect(program)
            _ = Glibc.close(parentEnd)
        }

        deinit { close() }
    }

    /// A socket pair for a chapter program about to start.
    public func connect() throws -> Link {
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw BookError.io("cannot create the CPU budget's socket: \(String(cString: strerror(errno)))")
        }
        // Keep the program's end clear of the descriptors the child is given (0–4), so
        // no dup2 in the spawn lands on it first.
        let childEnd = fcntl(fds[1], F_DUPFD_CLOEXEC, 10)
        _ = Glibc.close(fds[1])
        guard childEnd >= 0 else {
            _ = Glibc.close(fds[0])
            throw BookError.io("cannot create the CPU budget's socket: \(String(cString: strerror(errno)))")
        }
        // The builder never waits on a program: a full socket drops the byte.
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        condition.lock()
        defer { condition.unlock() }
        let program = Program(socket: fds[0], ticket: nextTicket)
        nextTicket += 1
        programs.append(program)
        return Link(server: self, program: program, childEnd: childEnd)
    }

    fileprivate func receive(_ bytes: UnsafeRawBufferPointer, from program: Program) {
        condition.lock()
        defer { condition.unlock() }
        guard programs.contains(where: { $0 === program }) else { return }
        for byte in bytes {
            switch byte {
            case BudgetProtocol.want:
                // A program holds one token already: more than the rest is never useful.
                program.wanted = min(program.wanted + 1, tokens - 1)
            case BudgetProtocol.giveBack:
                guard program.held > 0 else { continue }
                program.held -= 1
                account()
                free += 1
            case BudgetProtocol.stop:
                program.wanted = 0
                _ = send(BudgetProtocol.stopped, to: program)
            default:
                continue
            }
        }
        distribute()
    }

    fileprivate func disconnect(_ program: Program) {
        condition.lock()
        defer { condition.unlock() }
        guard let index = programs.firstIndex(where: { $0 === program }) else { return }
        programs.remove(at: index)
        account()
        free += program.held
        program.held = 0
        program.wanted = 0
        distribute()
    }

    /// Hands out free tokens: to waiting chapters first, then to the program that
    /// wants one and holds the fewest. Called with the lock held.
    private func distribute() {
        while free > 0 {
            if let first = waiting.indices.min(by: {
                (waiting[$0].priority, waiting[$0].ticket) < (waiting[$1].priority, waiting[$1].ticket)
            }) {
                waiting.remove(at: first).granted = true
                take()
                condition.broadcast()
                continue
            }
            guard
                let program = programs.filter({ $0.wanted > 0 })
                    .min(by: { ($0.held, $0.ticket) < ($1.held, $1.ticket) })
            else { return }
            program.wanted -= 1
            if send(BudgetProtocol.token, to: program) {
                program.held += 1
                take()
            }
        }
    }

    private func take() {
        account()
        free -= 1
        peak = max(peak, tokens - free)
    }

    /// One byte to a program; false when it could not be sent (the program is gone or
    /// not reading).
    private func send(_ byte: UInt8, to program: Program) -> Bool {
        var byte = byte
        while true {
            let n = Glibc.send(program.socket, &byte, 1, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == EINTR { continue }
            return n == 1
        }
    }
}
