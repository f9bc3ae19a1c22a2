/// The environment a chapter program runs in: the variables the book sets and the
/// runtime reads. Without them (a program run by hand) the runtime prints its results
/// to standard output in readable form.
public enum NotebookEnvironment {
    /// The file descriptor of the side channel, as a decimal number.
    public static let channelDescriptor = "NOTEBOOK_CHANNEL_FD"
    /// The descriptor the book opens the channel on.
    public static let channelDescriptorNumber: Int32 = 3
    /// Printed bytes a block may send before the rest is cut, as a decimal number.
    public static let textLimit = "NOTEBOOK_TEXT_LIMIT"

    /// The watchdog pipe's read end, as a decimal number. Its write end only the book
    /// holds: it reads end-of-file when the book ends, however it ends, and the program
    /// then ends itself and everything it started. Its first line is a token; the lines
    /// that mark where blocks begin and end (`blockStart`, `blockEnd`) start with the
    /// token and a space, and the book ignores such messages without it.
    public static let watchdogDescriptor = "NOTEBOOK_WATCHDOG_FD"
    /// The descriptor the book opens the watchdog pipe on.
    public static let watchdogDescriptorNumber: Int32 = 4
    /// Seconds after which the program ends itself should the book not have stopped it.
    public static let timeLimit = "NOTEBOOK_TIME_LIMIT"
}
