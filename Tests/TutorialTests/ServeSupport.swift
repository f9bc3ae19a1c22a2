import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `tutorial serve` on a copy of a fixture book, on a free port, for end-to-end tests.
final class ServedBook: @unchecked Sendable {
    let root: URL
    let process: Process
    let port: Int
    private let output = Pipe()

    var chapters: URL { root.appendingPathComponent("chapters") }

    /// Copies `Fixtures/<fixture>/chapters` (or writes `files` into a new chapters
    /// folder), starts the server and waits for the line with its address.
    init(fixture: String? = nil, files: [String: String] = [:], arguments: [String] = []) throws {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("serve-\(UUID().uuidString.prefix(8))")
        let chapters = root.appendingPathComponent("chapters")
        if let fixture {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: CommandLineTests.fixture.deletingLastPathComponent()
                    .appendingPathComponent(fixture).appendingPathComponent("chapters"), to: chapters)
        } else {
            try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        }
        for (name, text) in files {
            try text.write(to: chapters.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        process = Process()
        process.executableURL = try CommandLineTests.tutorial()
        process.arguments = ["serve", "--port", "0", "--jobs", "1"] + arguments
        process.currentDirectoryURL = root
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        // "Serving the book at http://127.0.0.1:PORT/ …"
        var text = ""
        let reader = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(120)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let data = reader.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let address = text[range]
                found = Int(address.dropFirst("http://127.0.0.1:".count).dropLast())
            }
        }
        guard let found else {
            process.terminate()
            Issue.record("tutorial serve printed no address: \(text)")
            throw CocoaError(.fileReadUnknown)
        }
        port = found
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Ctrl-C, and the exit status.
    func interrupt() -> Int32 {
        process.interrupt()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func edit(_ name: String, _ change: (String) -> String) throws {
        let url = chapters.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        precondition(changed != text, "the edit changes nothing")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws -> HTTPReply {
        try HTTPReply.request(method: method, target: target, port: port, headers: headers)
    }

    func outputFile(_ name: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent("output").appendingPathComponent(name), encoding: .utf8)
    }
}

/// A reply to one request sent as raw bytes over a socket, so the target reaches the
/// server exactly as written (`/../x`, `/%2e%2e/x`).
struct HTTPReply {
    var status: Int
    var headers: [String: String]
    var body: String

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else {
            close(fd)
            throw CocoaError(.fileReadNoPermission)
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func request(method: String, target: String, port: Int, headers: [String: String] = [:]) throws -> HTTPReply {
        let fd = try connect(port: port)
        defer { close(fd) }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(extra)\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if let reply = parse(data), method == "HEAD" || reply.reply.status == 304 || reply.complete { return reply.reply }
        }
        guard let reply = parse(data) else { throw CocoaError(.fileReadCorruptFile) }
        return reply.reply
    }

    private static func parse(_ data: Data) -> (reply: HTTPReply, complete: Bool)? {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = data[end.upperBound...]
        let length = headers["content-length"].flatMap { Int($0) }
        return (
            HTTPReply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)),
            length.map { body.count >= $0 } ?? false
        )
    }
}

/// The server's event stream, read on a thread of its own: every event with the time
/// it arrived.
final class EventListener: @unchecked Sendable {
    struct Event {
        var name: String
        var data: String
        var arrived: Date
    }
    private let lock = NSLock()
    private var received: [Event] = []
    private let fd: Int32

    init(port: Int) throws {
        let fd = try HTTPReply.connect(port: port)
        self.fd = fd
        let request = "GET /.tutorial-serve/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        Thread { [weak self] in
            var raw = Data()
            var headersDone = false
            var pending = ""
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { return }
                raw.append(contentsOf: buffer[0..<n])
                if !headersDone {
                    guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { continue }
                    raw = Data(raw[end.upperBound...])
                    headersDone = true
                }
                // The body is chunked: `SIZE\r\n` + SIZE bytes + `\r\n`, over and over.
                while let line = raw.range(of: Data("\r\n".utf8)),
                    let size = Int(String(decoding: raw[raw.startIndex..<line.lowerBound], as: UTF8.self), radix: 16),
                    raw.count - (line.upperBound - raw.startIndex) >= size + 2
                {
                    let start = line.upperBound
                    pending += String(decoding: raw[start..<(start + size)], as: UTF8.self)
                    raw = Data(raw[(start + size + 2)...])
                }
                // Events end with a blank line.
                while let end = pending.range(of: "\n\n") {
                    let block = String(pending[..<end.lowerBound])
                    pending = String(pending[end.upperBound...])
                    var name = "", data = ""
                    for line in block.components(separatedBy: "\n") {
                        if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                        if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
                    }
                    guard !name.isEmpty, let self else { continue }
                    self.lock.lock()
                    self.received.append(Event(name: name, data: data, arrived: Date()))
                    self.lock.unlock()
                }
            }
        }.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    var events: [Event] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits for the first event after `since` that satisfies `test`.
    func wait(
        for name: String, since: Date, timeout: Double = 120,
        where test: (String) -> Bool = { _ in true }
    ) async throws -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let event = events.first(where: { $0.name == name && $0.arrived >= since && test($0.data) }) {
                return event
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Double = 120, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}
