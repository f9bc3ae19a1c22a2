import Foundation
import NotebookProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium (Debian's `chromium`), driven over its DevTools protocol.
///
/// The protocol runs on one Unix socket that Chromium gets as file descriptors 3 and 4
/// (`--remote-debugging-pipe`): JSON messages, each ended by a NUL byte. Nothing listens
/// on a port, and the browser is kept off the network (every host name is unresolvable
/// and every request goes to a proxy that is not there), so the page can load only
/// files.
///
/// Chromium never outlives the tool: it is started and reaped through `RunningChildren`;
/// when the deadline passes or the tool is interrupted (`Interruption`), it is stopped
/// with everything below it (`ProcessTree`), and `close()` does the same to a browser
/// that does not quit when asked. If the tool dies however it dies, the socket closes
/// and Chromium exits by itself. (Its crash handler leaves the tree, and ends when the
/// browser does; reparented to a tool that adopts orphans, it is reaped with them.) It
/// writes nothing outside the folder it is given. Blocking: call it off Swift's
/// cooperative pool.
final class Chromium {
    /// The Debian package, named when the browser is missing.
    static let package = "chromium"

    private let pid: pid_t
    private var socket: Int32
    private let log: URL
    private let deadline: Date
    private let timeout: TimeInterval
    private var nextID = 0
    private var buffer = Data()
    private var scanned = 0
    private var replies: [Int: [String: Any]] = [:]
    private var events: [[String: Any]] = []
    private var closed = false

    /// The browser to run: `$CHROMIUM` (a path or a name on the `PATH`), else `chromium`
    /// on the `PATH` or in `/usr/bin`.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let wanted = environment["CHROMIUM"].flatMap { $0.isEmpty ? nil : $0 } ?? "chromium"
        var searched: [String] = []
        if wanted.contains("/") {
            if FileManager.default.isExecutableFile(atPath: wanted) { return wanted }
            searched.append(wanted)
        } else {
            let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
            for folder in path where !folder.isEmpty {
                let candidate = (folder as NSString).appendingPathComponent(wanted)
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                searched.append(folder)
            }
        }
        throw BookError.chromiumMissing(name: wanted, searched: searched)
    }

    /// Starts the browser with everything it writes in `folder` (made if needed): a
    /// fresh profile, its configuration and cache (where it would otherwise use the
    /// user's, for crash reports among others) and its output, `chromium.log`. Every
    /// later call throws once `timeout` seconds have passed.
    init(executable: String, folder: URL, timeout: TimeInterval) throws {
        self.log = folder.appendingPathComponent("chromium.log")
        self.timeout = timeout
        self.deadline = Date().addingTimeInterval(timeout)
        let profile = folder.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = folder.appendingPathComponent("cache").path

        // One socket for both directions; SOCK_CLOEXEC at once, so no other child
        // started meanwhile inherits it (which would keep it open after we close it).
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw BookError.printing("cannot create a socket for Chromium: \(String(cString: strerror(errno)))")
        }
        defer { Glibc.close(pair[1]) }
        // The child's end goes to fds 3 and 4; first above them, so dup2 cannot clobber it.
        let childEnd = fcntl(pair[1], F_DUPFD_CLOEXEC, 10)
        guard childEnd >= 0 else {
            Glibc.close(pair[0])
            throw BookError.printing("cannot create a socket for Chromium: \(String(cString: strerror(errno)))")
        }
        defer { Glibc.close(childEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 3)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 4)

        let arguments = Self.flags + ["--user-data-dir=\(profile.path)", "about:blank"]
        let (error, pid) = ChildProcess.spawnInOwnGroup(executable, arguments, environment: environment, actions: &actions)
        guard error == 0 else {
            Glibc.close(pair[0])
            throw BookError.printing("cannot start \(executable): \(String(cString: strerror(error)))")
        }
        self.pid = pid
        self.socket = pair[0]
    }

    deinit { close() }

    /// Headless, no first-run chores, no network, no sandbox (the page is the book's own,
    /// and the sandbox cannot start as root or in many containers).
    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-default-apps", "--disable-sync", "--disable-component-update",
        "--disable-background-networking", "--disable-breakpad", "--disable-dev-shm-usage", "--mute-audio",
        "--hide-scrollbars", "--force-color-profile=srgb",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        "--remote-debugging-pipe",
    ]

    // MARK: - The protocol

    /// Sends a command and waits for its reply; returns its `result`, or throws with the
    /// protocol's error message.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try write(data, doing: method)
        while true {
            if let reply = replies.removeValue(forKey: id) {
                if let error = reply["error"] as? [String: Any] {
                    throw Refusal(method: method, message: error["message"] as? String ?? "\(error)")
                }
                return reply["result"] as? [String: Any] ?? [:]
            }
            try receive(doing: method)
        }
    }

    /// A command Chromium answered with an error: the browser is still there.
    struct Refusal: Error, CustomStringConvertible {
        var method: String
        var message: String
        var description: String { "Chromium refused \(method): \(message)" }
    }

    /// Waits for an event (`Page.loadEventFired`) of `session` that came after `since`
    /// events; returns its `params`.
    func waitForEvent(_ method: String, session: String?, since: Int) throws -> [String: Any] {
        var checked = since
        while true {
            while checked < events.count {
                let event = events[checked]
                checked += 1
                if event["method"] as? String == method, event["sessionId"] as? String == session {
                    return event["params"] as? [String: Any] ?? [:]
                }
            }
            try receive(doing: "waiting for \(method)")
        }
    }

    /// How many events have come so far (for `waitForEvent(since:)`).
    var eventCount: Int { events.count }

    private func write(_ data: Data, doing what: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    throw failure("Chromium stopped listening (\(what): \(String(cString: strerror(errno))))")
                }
                offset += n
            }
        }
    }

    /// Reads what Chromium sent, filing replies and events; blocks until something
    /// comes, Chromium exits or the deadline passes.
    private func receive(doing what: String) throws {
        let chunk = 1 << 16
        let interruption = Interruption.shared.descriptor
        while true {
            if let signal = Interruption.shared.signal {
                stop()
                throw BookError.io("\(Interruption.name(signal)): Chromium was stopped and the PDF not written")
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                stop()
                let limit = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
                throw failure("Chromium took longer than \(limit) s (\(what)); it was stopped")
            }
            var polled = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
            if interruption >= 0 { polled.append(pollfd(fd: interruption, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&polled, nfds_t(polled.count), Int32(min(left * 1000, 1000)) + 1)
            if ready < 0 && errno != EINTR { throw failure("cannot read from Chromium: \(String(cString: strerror(errno)))") }
            guard ready > 0, polled[0].revents != 0 else { continue }
            let start = buffer.count
            buffer.count += chunk
            let n = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress! + start, chunk) }
            let readError = errno
            buffer.count = start + max(n, 0)
            if n == 0 || (n < 0 && readError != EINTR && readError != EAGAIN) {
                throw failure("Chromium exited while \(what)")
            }
            if file() { return }
        }
    }

    /// Files every complete message in the buffer; returns whether there was one.
    private func file() -> Bool {
        var found = false
        while let end = buffer[(buffer.startIndex + scanned)...].firstIndex(of: 0) {
            let message = buffer[buffer.startIndex..<end]
            buffer = Data(buffer[(end + 1)...])
            scanned = 0
            found = true
            guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
            if let id = object["id"] as? Int {
                replies[id] = object
            } else {
                events.append(object)
            }
        }
        scanned = buffer.count
        return found
    }

    /// An error that ends the session, with the last lines Chromium wrote.
    private func failure(_ message: String) -> BookError {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        // Chromium complains about D-Bus and GPUs on machines without them: not the cause.
        let lines = text.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("unexpected operator") }
        let tail = lines.suffix(3).joined(separator: "\n  ")
        return .printing(message + (tail.isEmpty ? "" : "; it said:\n  " + tail))
    }

    // MARK: - Ending

    /// Asks the browser to quit and gives it two seconds; then stops it with everything
    /// below it, reaps it, and ends what it left to this process. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        if !stopped {
            nextID += 1
            if var data = try? JSONSerialization.data(withJSONObject: ["id": nextID, "method": "Browser.close"] as [String: Any]) {
                data.append(0)
                try? write(data, doing: "closing")
            }
        }
        Glibc.close(socket)
        if stopped || RunningChildren.shared.reap(pid, seconds: 2) == nil {
            stop()
            _ = RunningChildren.shared.reap(pid, seconds: 10)
        }
        RunningChildren.shared.reapOrphans()
    }

    /// Kills the browser and everything below it (the leader is not reaped yet, so it
    /// and its descendants are still ours to signal).
    private func stop() {
        guard !stopped else { return }
        stopped = true
        ProcessTree.kill(below: pid, includingRoot: true)
    }
    private var stopped = false
}
