/// How far a long loop has come.
public struct ProgressUpdate: Codable, Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var label: String?

    public init(done: Int, total: Int, label: String?) {
        self.done = done
        self.total = total
        self.label = label
    }
}
