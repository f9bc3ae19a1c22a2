/// What a chapter program tells the book while it runs, one message per line of JSON
/// on the side channel (`NotebookEnvironment.channelDescriptor`). The runtime encodes
/// and the book decodes this one type, so the two cannot drift apart.
///
/// New cases are added at the end; a book that meets a case it does not know treats
/// the line as printed text, so an older book still shows a newer program's results.
public enum NotebookMessage: Codable, Sendable, Equatable {
    /// Block `index` (0-based, in chapter order) begins.
    case blockStart(index: Int)
    /// Printed text, in order with everything else.
    case text(String)
    /// Printed text beyond the block's limit was dropped: this many bytes.
    case textCut(omittedBytes: Int)
    case table(ResultTable)
    case figure(ResultFigure)
    case expectation(ExpectationOutcome)
    case progress(ProgressUpdate)
    /// Block `index` finished without trapping.
    case blockEnd(index: Int)
}
