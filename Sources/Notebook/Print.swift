/// `print` in chapter code comes here (`RuntimeInterface.print`: the generated program
/// shadows Swift's `print`),
/// so printed text reaches the page at once and in order with tables and figures.
public func _notebookPrint(_ items: [Any], separator: String, terminator: String) {
    var text = items.map { String(describing: $0) }.joined(separator: separator)
    text += terminator
    Channel.shared.sendText(text)
}
