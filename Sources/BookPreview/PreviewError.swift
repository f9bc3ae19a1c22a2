/// What can stop `tutorial serve` from starting or watching.
public enum PreviewError: Error, Sendable, CustomStringConvertible {
    case badAddress(host: String, port: Int)
    case cannotListen(address: String, reason: String)
    case cannotWatch(path: String, reason: String)

    public var description: String {
        switch self {
        case .badAddress(let host, let port):
            return "cannot serve on '\(host)' port \(port): give an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost, and a port from 0 to 65535"
        case .cannotListen(let address, let reason):
            return "cannot listen on \(address): \(reason) (is another server using that port? try --port)"
        case .cannotWatch(let path, let reason):
            return "cannot watch \(path) for changes: \(reason)"
        }
    }
}
