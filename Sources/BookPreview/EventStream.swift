import FlyingFox
import FlyingSocks
import Foundation

/// Server-sent events to every open page: `state` (what runs, what failed) and
/// `reload` (which pages changed). A page that connects gets the current state at once,
/// so a reloaded page shows its progress and failures without waiting.
final class EventStream: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var latestState: Data?

    /// The body of one `GET /.tutorial-serve/events` response.
    func subscribe() -> EventBytes {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.lock()
        subscribers[id] = continuation
        // Tell the browser to retry quickly after the server restarts.
        continuation.yield(Data("retry: 1000\n\n".utf8))
        if let latestState { continuation.yield(latestState) }
        lock.unlock()
        return EventBytes(stream: stream)
    }

    var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    private func remove(_ id: UUID) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }

    func send<T: Encodable>(_ name: String, _ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(value) else { return }
        // JSON has no raw newlines, so the payload is one `data:` line.
        var event = Data("event: \(name)\ndata: ".utf8)
        event.append(json)
        event.append(Data("\n\n".utf8))
        lock.lock()
        defer { lock.unlock() }
        if name == "state" { latestState = event }
        for (id, continuation) in subscribers {
            if case .terminated = continuation.yield(event) { subscribers[id] = nil }
        }
    }

    /// A comment line: keeps idle connections open and finds closed ones.
    func heartbeat() {
        lock.lock()
        defer { lock.unlock() }
        for (id, continuation) in subscribers {
            if case .terminated = continuation.yield(Data(":\n\n".utf8)) { subscribers[id] = nil }
        }
    }

    /// Ends every stream (the server is stopping).
    func finish() {
        lock.lock()
        let all = subscribers.values
        subscribers = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }
}

/// An event stream's bytes, in the buffered form FlyingFox sends as a chunked body:
/// each event is written as soon as it is sent.
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending = Data()

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> Data? {
            while pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = data
            }
            let chunk = pending.prefix(Swift.max(count, 1))
            pending = Data(pending.dropFirst(chunk.count))
            return Data(chunk)
        }
    }
}
