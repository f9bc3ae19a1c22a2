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
}
