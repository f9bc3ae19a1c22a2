import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The build's progress on standard error. On a terminal, a live display redrawn five
/// times a second: one line per running chapter with its block, its loop's progress,
/// elapsed time and an estimate from the previous run. Otherwise plain lines as
/// chapters start and finish.
public final class ConsoleProgress: BuildObserver, @unchecked Sendable {
    private struct Running {
        var started = Date()
        var estimate: Double?
        var phase = "waiting"
        var progress: String?
    }

    private let lock = NSLock()
    private let live: Bool
    private var running: [String: Running] = [:]
    private var order: [String] = []
    private var estimates: [String: Double] = [:]
    private var drawnLines = 0
    private var timer: DispatchSourceTimer?
    /// Terminal columns (`COLUMNS`; Swift cannot call the variadic `ioctl`).
    private let width = ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) } ?? 80

    public init(live: Bool = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb") {
        self.live = live
        if live {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 0.2, repeating: 0.2)
            timer.setEventHandler { [weak self] in self?.redraw() }
            timer.resume()
            self.timer = timer
        }
    }

    deinit { timer?.cancel() }

    /// Clears the live display before the final report is printed.
    public func finish() {
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        clearLocked()
    }

    /// Writes text to standard output above the live display.
    public func printAbove(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        clearLocked()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func handle(_ event: BuildEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .planned(let chapters):
            for c in chapters { estimates[c.slug] = c.estimate }
            if !live, !chapters.isEmpty { line("running \(chapters.count) chapter(s)") }
        case .chapterStarted(let slug):
            running[slug] = Running(estimate: estimates[slug])
            order.append(slug)
            if !live { line("\(slug): compiling and running") }
        case .chapter(let slug, let event):
            guard var r = running[slug] else { return }
            switch event {
            case .compiling: r.phase = "compiling"
            case .block(let index, let count):
                r.phase = "block \(index + 1) of \(count)"
                r.progress = nil
            case .progress(let p):
                let bar = Self.bar(Double(p.done) / Double(max(p.total, 1)))
                r.progress = "\(p.label.map { $0 + " " } ?? "")\(bar) \(p.done)/\(p.total)"
            case .item, .blockFinished: return
            }
            running[slug] = r
        case .waiting(let why), .warning(let why):
            if live { clearLocked() }
            line(why)
        case .printingPDF:
            if live { clearLocked() }
            line("printing the PDF (headless Chromium)")
        case .chapterFinished(let slug, let failures, let cached, let seconds):
            running[slug] = nil
            order.removeAll { $0 == slug }
            let status = failures == 0 ? "✓" : failures == 1 ? "✗ 1 failure in" : "✗ \(failures) failures in"
            let how = cached ? "from cache" : String(format: "%.1f s", seconds)
            if live { clearLocked() }
            line("\(status) \(slug) (\(how))")
        }
    }

    private func redraw() {
        lock.lock()
        defer { lock.unlock() }
        guard live else { return }
        clearLocked()
        var lines: [String] = []
        for slug in order {
            guard let r = running[slug] else { continue }
            let elapsed = Date().timeIntervalSince(r.started)
            var text = "  \(slug): \(r.phase)"
            if let progress = r.progress { text += "  \(progress)" }
            text += String(format: "  %.0f s", elapsed)
            if let estimate = r.estimate { text += String(format: " of ~%.0f s", estimate) }
            // A wrapped line would break the cursor movement that redraws the display.
            lines.append(String(text.prefix(max(width - 1, 20))))
        }
        let out = lines.map { $0 + "\n" }.joined()
        FileHandle.standardError.write(Data(out.utf8))
        drawnLines = lines.count
    }

    private func clearLocked() {
        guard live, drawnLines > 0 else { return }
        FileHandle.standardError.write(Data(String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawnLines).utf8))
        drawnLines = 0
    }

    private func line(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    private static func bar(_ fraction: Double) -> String {
        let width = 20
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]"
    }
}
