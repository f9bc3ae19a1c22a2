#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads that compute the parts of split minibatches (`Trainer.parts`).
///
/// A team of `count` threads: the caller's own and `count − 1` started here, which
/// sleep between steps and end when the team is released. A team belongs to one
/// training loop: the engine keeps none of its own, so that runs on different
/// threads (a chapter's replicates) never share one. How many threads a team has
/// decides only the speed: which part runs where changes no result.
public final class WorkerThreads: @unchecked Sendable {
    /// Threads in the team, the caller's included.
    public let count: Int
    private var threads: [pthread_t] = []
    @usableFromInline let lock: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline let wake: UnsafeMutablePointer<pthread_cond_t>
    @usableFromInline let finished: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `lock`.
    @usableFromInline var generation = 0
    @usableFromInline var running = 0
    private var stopping = false
    @usableFromInline var busy = false
    /// The work of the current `run` (its address; meaningless for a zero-sized type).
    @usableFromInline var job = UnsafeRawPointer(bitPattern: 1)!
    @usableFromInline var invoke: ((UnsafeRawPointer, Int) -> Void)?
    @usableFromInline var jobCount = 0

    /// A team of `count` threads (1: the caller alone, nothing is started).
    public init(count: Int) {
        requirement(count >= 1, "WorkerThreads: count must be positive, got \(count)")
        self.count = count
        lock = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        finished = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
        for index in 1..<count {
            let context = Unmanaged.passRetained(WorkerStart(team: self, index: index)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(
                &thread, nil,
                { context in
                    let start = Unmanaged<WorkerStart>.fromOpaque(context!).takeRetainedValue()
                    start.team.work(index: start.index)
                    return nil
                }, context)
            requirement(status == 0, "WorkerThreads: could not start a thread (error \(status))")
            threads.append(thread)
        }
    }

    deinit {
        pthread_mutex_lock(lock)
        stopping = true
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(lock)
        for thread in threads { pthread_join(thread, nil) }
        pthread_cond_destroy(wake)
        pthread_cond_destroy(finished)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        wake.deallocate()
        finished.deallocate()
    }

    /// Calls `work.run(part: i)` for every i in `0..<tasks`, spread over the team
    /// (thread t takes t, t + count, …), and returns when all are done. Calls for
    /// different i run at the same time; one `run` at a time per team. Allocates
    /// nothing once specialised for a concrete `Work` type (it is inlinable for
    /// that), so a training step can call it.
    @inlinable public func run<Work: PartedWork>(_ tasks: Int, _ work: Work) {
        guard count > 1 && tasks > 1 else {
            for i in 0..<tasks { work.run(part: i) }
            return
        }
        withUnsafePointer(to: work) { pointer in
            pthread_mutex_lock(lock)
            requirement(!busy, "WorkerThreads.run called while the team is already running")
            busy = true
            job = UnsafeRawPointer(pointer)  // not the optional init: a zero-sized value may sit at address 0
            invoke = { job, i in job.assumingMemoryBound(to: Work.self).pointee.run(part: i) }
            jobCount = tasks
            running = count - 1
            generation += 1
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(lock)

            for i in stride(from: 0, to: tasks, by: count) { work.run(part: i) }

            pthread_mutex_lock(lock)
            while running > 0 { pthread_cond_wait(finished, lock) }
            invoke = nil
            busy = false
            pthread_mutex_unlock(lock)
        }
    }

    /// `run` with a closure: `body(i)` for every i in `0..<tasks`.
    public func run(_ tasks: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { run(tasks, ClosureWork(body: $0)) }
    }

    private func work(index: Int) {
        withSubnormalsFlushed { loop(index: index) }
    }

    private func loop(index: Int) {
        var seen = 0
        pthread_mutex_lock(lock)
        while true {
            while generation == seen && !stopping { pthread_cond_wait(wake, lock) }
            if stopping { break }
            seen = generation
            let job = job, invoke = invoke!, tasks = jobCount
            pthread_mutex_unlock(lock)
            for i in stride(from: index, to: tasks, by: count) { invoke(job, i) }
            pthread_mutex_lock(lock)
            running -= 1
            if running == 0 { pthread_cond_signal(finished) }
        }
        pthread_mutex_unlock(lock)
    }
}

/// Work cut into parts that may run at the same time: `run(part:)` is called once
/// for each part, from the team's threads.
public protocol PartedWork {
    func run(part: Int)
}

private struct ClosureWork: PartedWork {
    let body: (Int) -> Void
    func run(part: Int) { body(part) }
}

/// What a started thread needs; the team is not retained by its own threads (its
/// deinit stops and joins them before the memory goes).
private final class WorkerStart {
    unowned(unsafe) let team: WorkerThreads
    let index: Int
    init(team: WorkerThreads, index: Int) {
        self.team = team
        self.index = index
    }
}
