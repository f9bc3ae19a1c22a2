// Calls the generated chapter program makes around its blocks (their names are
// `RuntimeInterface.blockStart` and `.blockEnd`). Not for chapter code.
// (The program itself unbuffers stdout: Swift 6 forbids touching C's `stdout` here.)

public func _notebookBlockStart(_ index: Int) { Channel.shared.blockStart(index) }

public func _notebookBlockEnd(_ index: Int) { Channel.shared.blockEnd(index) }
