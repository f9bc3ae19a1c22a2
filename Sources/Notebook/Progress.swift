import NotebookProtocol

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

/// A progress callback for the engine's `(done, total)` callbacks, e.g. the trainer's:
///
///     let result = trainer.train(&network, optimizer: &adam, on: train, progress: progress("Adam"))
public func progress(_ label: String) -> (Int, Int) -> Void {
    { done, total in progress(done, of: total, label: label) }
}
