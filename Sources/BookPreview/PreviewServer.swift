import Book
import FlyingFox
import FlyingSocks
import Foundation

/// `tutorial serve`: writes the book, serves it, and keeps it in step with the chapters.
///
/// The server answers GET and HEAD only, with files of the output folder (see
/// `ServedFolder` for what is refused) and the preview's own script and event stream
/// under `/.tutorial-serve/`. HTML pages get the script's tags as they are served.
///
/// Built on FlyingFox: a small async/await HTTP server with no dependencies of its
/// own, which adds seconds to a cold build where a full framework adds minutes.
public final class BookPreview: @unchecked Sendable {
    public struct Address: Sendable {
        public var host: String
        public var port: Int
        public init(host: String = "127.0.0.1", port: Int = 3000) {
            self.host = host
            self.port = port
        }
    }

    let session: PreviewSession
    let folder: ServedFolder
    /// The book's lock, held from the start to the stop: a build of the same book waits.
    private let takeLock: @Sendable () async throws -> BookLock?
    private var bookLock: BookLock?
    private let address: Address
    private let lock = NSLock()
    private var server: HTTPServer?
    private var watcher: FolderWatcher?
    private var heartbeat: DispatchSourceTimer?

    /// `jobs` chapters run at once; `force` reruns every chapter once at the start.
    public init(builder: BookBuilder, address: Address, force: Bool = false) {
        let options = builder.options
        var inputs = [options.chapters]
        if let theme = options.themeDirectory { inputs.append(theme) }
        let settings = PreviewSession.Settings(
            output: options.output, inputs: inputs, ignored: [options.output, options.cache],
            jobs: options.jobs, force: force,
            log: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })
        self.session = PreviewSession(pipeline: BuildPipeline(builder: builder), settings: settings)
        self.folder = ServedFolder(root: options.output)
        self.address = address
        self.takeLock = { [log = settings.log] in
            try await builder.lockForWriting(purpose: "tutorial serve", waiting: log)
        }
    }

    init(session: PreviewSession, address: Address) {
        self.session = session
        self.folder = ServedFolder(root: session.settings.output)
        self.address = address
        self.takeLock = { nil }
    }

    /// Writes the book (with cached results: a warm start is immediate), starts the
    /// runs it lacks, watches the inputs and listens. Returns the address it serves at.
    public func start() async throws -> URL {
        let held = try await takeLock()
        lock.withLock { bookLock = held }
        try session.start()
        let ignored = Set(session.settings.ignored.map { $0.standardizedFileURL.path })
        watcher = try FolderWatcher(folders: session.settings.inputs, skip: { ignored.contains($0) }) { [session] in
            session.inputsChanged()
        }

        guard (0...65535).contains(address.port) else { throw PreviewError.badAddress(host: address.host, port: address.port) }
        let port = UInt16(address.port)
        let host = address.host == "localhost" ? "127.0.0.1" : address.host
        let socketAddress: any SocketAddress
        do {
            socketAddress =
                host.contains(":")
                ? try sockaddr_in6.inet6(ip6: host, port: port)
                : try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw PreviewError.badAddress(host: address.host, port: address.port)
        }
        let server = HTTPServer(
            config: .init(address: socketAddress, timeout: 30, logger: .disabled),
            handler: ClosureHTTPHandler { [self] request in await respond(to: request) })
        lock.withLock { self.server = server }

        let failure = FailureBox()
        Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        let deadline = Date().addingTimeInterval(10)
        while await !server.isListening {
            if let error = failure.error {
                throw PreviewError.cannotListen(address: "\(host):\(port)", reason: "\(error)")
            }
            if Date() > deadline { throw PreviewError.cannotListen(address: "\(host):\(port)", reason: "timed out") }
            try await Task.sleep(for: .milliseconds(10))
        }
        startHeartbeat()
        let listening = await server.listeningAddress
        var shownHost = address.host
        var shownPort = address.port
        switch listening {
        case .ip4(_, let p)?: shownPort = Int(p)
        case .ip6(_, let p)?: shownPort = Int(p)
        default: break
        }
        if shownHost.contains(":") { shownHost = "[\(shownHost)]" }
        return URL(string: "http://\(shownHost):\(shownPort)/")!
    }

    /// Stops watching, cancels every run (their processes are killed), waits for a
    /// write in progress so the output is complete, and closes the server.
    public func stop() async {
        watcher?.stop()
        heartbeat?.cancel()
        session.stop()
        // Open event streams can keep FlyingFox's stop waiting; the runs are what must
        // end, and they have: give the server a moment, not a veto.
        let server = lock.withLock { self.server }
        Task { await server?.stop(timeout: 0) }
        try? await Task.sleep(for: .milliseconds(100))
        lock.withLock { bookLock?.release() }
    }

    /// A comment on the event streams every 20 s finds pages that have gone away.
    private func startHeartbeat() {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 20, repeating: 20, leeway: .seconds(5))
        timer.setEventHandler { [session] in session.events.heartbeat() }
        timer.resume()
        heartbeat = timer
    }

    // MARK: - Answering

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return plain(
                .methodNotAllowed, "Only GET and HEAD: the preview serves the book and nothing else.\n",
                extra: [.init("Allow"): "GET, HEAD"])
        }
        let path = request.target.path()
        if path == LiveScript.eventsPath {
            var headers = HTTPHeaders()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: session.events.subscribe()))
        }
        if path.hasPrefix(LiveScript.prefix) {
            let name = String(path.dropFirst(LiveScript.prefix.count))
            guard let data = LiveScript.file(named: name) else { return plain(.notFound, "Not found.\n") }
            return file(data, type: ContentType.of(URL(fileURLWithPath: name)), head: request.method == .HEAD)
        }
        // The output is replaced whole at each rebuild: a request that falls in the
        // instant between the two renames tries again.
        var resolution = folder.resolve(percentEncodedPath: path)
        for _ in 0..<3 where resolution == .missing {
            try? await Task.sleep(for: .milliseconds(20))
            resolution = folder.resolve(percentEncodedPath: path)
        }
        switch resolution {
        case .refused:
            return plain(.forbidden, "Forbidden: the preview serves only files inside the book's output folder.\n")
        case .missing:
            return plain(.notFound, "Not found: \(path) is not part of the book.\n")
        case .file(let url):
            let type = ContentType.of(url)
            let isPage = type.hasPrefix("text/html")
            // Other files are revalidated, so a page that reloads itself does not fetch
            // KaTeX and highlight.js again: they are rewritten only with the whole book.
            let tag = isPage ? nil : Self.entityTag(of: url)
            if let tag, request.headers[.ifNoneMatch] == tag {
                var headers = HTTPHeaders()
                headers[.eTag] = tag
                headers[.cacheControl] = "no-cache"
                return HTTPResponse(statusCode: .notModified, headers: headers)
            }
            var data = isPage ? session.lastGoodPage(named: url.lastPathComponent) : nil
            if data == nil { data = FileManager.default.contents(atPath: url.path) }
            guard var data else { return plain(.notFound, "Not found: \(path) could not be read.\n") }
            if isPage { data = LiveScript.inject(into: data) }
            return file(data, type: type, head: request.method == .HEAD, tag: tag)
        }
    }

    /// Changes whenever the file is replaced or rewritten.
    static func entityTag(of url: URL) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return "\"\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\""
    }

    private func file(_ data: Data, type: String, head: Bool, tag: String? = nil) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = type
        // Pages always fresh (the book changes under the reader); other files checked.
        if let tag {
            headers[.eTag] = tag
            headers[.cacheControl] = "no-cache"
        } else {
            headers[.cacheControl] = "no-store"
        }
        headers[.init("X-Content-Type-Options")] = "nosniff"
        if head {
            headers[.contentLength] = String(data.count)
            return HTTPResponse(statusCode: .ok, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: data)
    }

    private func plain(_ status: HTTPStatusCode, _ text: String, extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/plain; charset=utf-8"
        for (name, value) in extra { headers[name] = value }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(text.utf8))
    }
}

/// The server task's error, seen by the code waiting for it to listen.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: any Error) {
        lock.lock()
        stored = error
        lock.unlock()
    }
    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
