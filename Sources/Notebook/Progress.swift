/// Reports how far a long loop has come; the terminal shows it while the book builds.
///
///     for step in 1...2000 {
///         …
///         progress(step, of: 2000, label: "SGD")
///     }
///
/// Cheap to call every iteration: updates are sent at most five times a second.
public func progress(_ done: Int, of total: Int, label: String? = nil) {
    Channel.shared.progress(ProgressUpdate(done: done, total: total, label: label))
}
