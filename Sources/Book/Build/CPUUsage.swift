import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How busy a build kept the machine: CPU time ÷ (wall time × cores). CPU time is the
/// compiler's and the chapter programs' (measured per child with `wait4`, all threads)
/// plus the builder's own.
public struct Utilization: Codable, Sendable, Equatable {
    /// Wall-clock seconds from the first chapter's start to the finished book.
    public var wallSeconds: Double
    /// CPU seconds of the chapters that ran (compile and run) and of the builder.
    public var cpuSeconds: Double
    /// The machine's cores.
    public var cores: Int
    /// The CPU budget the build had (`--jobs`).
    public var jobs: Int
    /// `cpuSeconds / (wallSeconds × cores)`.
    public var fraction: Double
    /// How full the budget was kept: token-seconds held ÷ (wallSeconds × jobs). Unlike
    /// `fraction` it does not fall when other work on the machine takes the cores.
    public var tokensHeld: Double

    /// `CPU 61.2 s in 33.5 s on 2 cores: 91 % busy (budget of 2 held 97 % of the time)`.
    public var description: String {
        String(
            format: "CPU %.1f s in %.1f s on %d core%@: %.0f %% busy (budget of %d held %.0f %% of the time)",
            cpuSeconds, wallSeconds, cores, cores == 1 ? "" : "s", fraction * 100, jobs, tokensHeld * 100)
    }
}

/// The start of a measurement.
struct CPUUsage {
    var began: Date
    var selfSeconds: Double

    static func start() -> CPUUsage { CPUUsage(began: Date(), selfSeconds: ownCPUSeconds()) }

    /// The build's utilization, given the CPU seconds of each chapter that ran; nil when
    /// none ran (a build from the cache says nothing about the budget).
    func finish(
        chapters: [Double], jobserver: Jobserver,
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> Utilization? {
        guard !chapters.isEmpty else { return nil }
        let wall = Date().timeIntervalSince(began)
        let cpu = chapters.reduce(0, +) + max(Self.ownCPUSeconds() - selfSeconds, 0)
        let jobs = jobserver.tokens
        return Utilization(
            wallSeconds: wall, cpuSeconds: cpu, cores: cores, jobs: jobs,
            fraction: wall > 0 ? cpu / (wall * Double(max(cores, 1))) : 0,
            tokensHeld: wall > 0 ? jobserver.tokenSeconds / (wall * Double(jobs)) : 0)
    }

    /// User and system seconds of this process, all threads.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
