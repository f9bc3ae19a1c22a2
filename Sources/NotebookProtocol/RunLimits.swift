/// Limits that keep a bad chapter from hanging or flooding the build. The book enforces
/// them; the runtime learns the printed-text limit from `NotebookEnvironment.textLimit`.
public struct RunLimits: Sendable, Equatable {
    /// Default time limit of one block, when it sets no `timeout=`.
    public var blockSeconds: Double = 120
    /// Time limit of a whole chapter's run.
    public var chapterSeconds: Double = 900
    /// Printed bytes kept per block; the rest is cut with a note.
    public var textBytesPerBlock = RunLimits.defaultTextBytesPerBlock
    /// Bytes of all messages (figures included) accepted from one chapter.
    public var channelBytes = 64 << 20
    /// The longest single message accepted (one line of JSON: a large figure).
    public var messageBytes = 32 << 20
    /// The tail of standard error kept for reading a trap's report.
    public var stderrBytes = 64 << 10

    /// The runtime's printed-text limit when the book did not set one.
    public static let defaultTextBytesPerBlock = 100_000

    public init() {}
}
