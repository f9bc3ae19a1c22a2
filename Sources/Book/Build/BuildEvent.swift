/// What a build reports as it goes, for a progress display.
public enum BuildEvent: Sendable {
    /// The chapters that will run (not cached), with the previous run's seconds if known.
    case planned([(slug: String, estimate: Double?)])
    case chapterStarted(slug: String)
    case chapter(slug: String, RunEvent)
    /// A chapter's results are known: `failures` is the number of its failures.
    case chapterFinished(slug: String, failures: Int, cached: Bool, seconds: Double)
    /// The build is waiting for another process to finish with the same book.
    case waiting(String)
    /// Something the user should know that fails nothing (said once).
    case warning(String)
    /// The PDF is being printed (`--pdf`, and the cache did not have it).
    case printingPDF
}

public protocol BuildObserver: Sendable {
    func handle(_ event: BuildEvent)
}

/// Reports nothing.
public struct SilentObserver: BuildObserver {
    public init() {}
    public func handle(_ event: BuildEvent) {}
}
