/// Stops the program with `message` when `condition` is false: the engine's check for
/// a caller's mistake (mismatched shapes, an index out of range, a bad setting).
///
/// Unlike `precondition`, whose message is dropped from optimized builds, the message
/// survives `-O`, the mode chapter programs are compiled in, so a reader sees why a
/// block stopped and not just that it did.
@inlinable @inline(__always)
func requirement(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if _slowPath(!condition()) { fatalError(message(), file: file, line: line) }
}

/// Stops the program with `message`: an engine state a caller must never reach.
@inlinable @inline(__always)
func requirementFailure(
    _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) -> Never {
    fatalError(message(), file: file, line: line)
}
