// `precondition` and `preconditionFailure` for chapter code, which is compiled with -O,
// where the standard library's versions drop their message and stop with only "Swift
// runtime failure: precondition failure". These keep it: the block's error reads
// `chapters/03-x.md:LINE:COL: error: Fatal error: precondition failed: MESSAGE`.
//
// They shadow the standard library's (a module's declarations win over the Swift
// module's of the same signature), so chapter code calls them without knowing.
// `#filePath` is the chapter's Markdown file: the program's `#sourceLocation` says so.

/// Stops the program with `message` when `condition` is false, in optimized builds too.
@_transparent
public func precondition(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
    file: StaticString = #filePath, line: UInt = #line
) {
    if _slowPath(!condition()) { preconditionFailure(message(), file: file, line: line) }
}

/// Stops the program with `message`, in optimized builds too.
@_transparent
public func preconditionFailure(
    _ message: @autoclosure () -> String = String(),
    file: StaticString = #filePath, line: UInt = #line
) -> Never {
    let text = message()
    fatalError(text.isEmpty ? "precondition failed" : "precondition failed: " + text, file: (file), line: line)
}
