import Foundation
import NotebookProtocol

/// Compiles a chapter's program with optimization against the notebook runtime.
struct ChapterCompiler {
    var runtime: RuntimeLocation
    /// `swiftc`, found on the PATH unless `SWIFTC` names one.
    var swiftc: String

    init(runtime: RuntimeLocation, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.runtime = runtime
        self.swiftc = environment["SWIFTC"] ?? Self.which("swiftc", path: environment["PATH"]) ?? "/usr/bin/swiftc"
    }

    struct Outcome {
        var succeeded: Bool
        /// The compiler's errors, each `(Markdown line, column, message)` when it points
        /// into the chapter, else `(nil, nil, message)`.
        var errors: [(line: Int?, column: Int?, message: String)]
        var output: String
        /// CPU seconds the compiler used.
        var cpuSeconds: Double = 0
    }

    /// Flags are part of the cache key: results depend on them.
    static let flags = [
        "-O", "-gline-tables-only", "-swift-version", "5", "-module-name", "Chapter",
        "-suppress-warnings", "-diagnostic-style", "llvm",
    ]

    func compile(
        source: URL, sourceName: String, output: URL,
        cancellation: RunCancellation? = nil
    ) throws -> Outcome {
        let arguments =
            Self.flags + [
                source.path,
                "-I", runtime.modules.path,
                "-L", runtime.binDirectory.path, "-l" + RuntimeInterface.library,
                "-Xlinker", "-rpath", "-Xlinker", runtime.binDirectory.path,
                "-o", output.path,
            ]
        let (termination, text, cpu) = try ChildProcess.captureMeasured(
            swiftc, arguments,
            environment: ProcessInfo.processInfo.environment,
            timeout: 600, cancellation: cancellation)
        let errors = Self.parseErrors(text, sourceName: sourceName)
        switch termination {
        case .exited(0):
            return Outcome(succeeded: true, errors: [], output: text, cpuSeconds: cpu)
        case .exited(let status):
            // Only errors in the chapter's own code are its outcome (and cached); a
            // compiler that fails otherwise (a full disk, a file deleted under it, a
            // linker that cannot start) is reported and tried again next time.
            guard errors.contains(where: { $0.line != nil }) else {
                throw BookError.io("the compiler failed (exit status \(status)) without naming a line of the chapter; it said:\n\(Self.tail(text))")
            }
            return Outcome(succeeded: false, errors: errors, output: text, cpuSeconds: cpu)
        case .signalled(let signal):
            throw BookError.io(
                "the compiler was stopped by \(signalName(signal)), not by anything in the chapter (the kernel sends SIGKILL when memory runs out); the next build tries again"
            )
        case .timedOut:
            throw BookError.io("the compiler took longer than 600 s and was stopped; the next build tries again")
        case .interrupted:
            throw BookError.io("the compiler was stopped: the tool was interrupted")
        }
    }

    /// The last lines of the compiler's output, for a message.
    static func tail(_ text: String, lines: Int = 20) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// `NAME:LINE:COL: error: message` lines, with the `note:` lines that follow attached.
    static func parseErrors(_ text: String, sourceName: String) -> [(line: Int?, column: Int?, message: String)] {
        var errors: [(line: Int?, column: Int?, message: String)] = []
        for raw in text.split(separator: "\n") {
            let line = String(raw)
            guard let (file, l, c, severity, message) = splitDiagnostic(line) else { continue }
            let inChapter = file == sourceName || file.hasSuffix("/" + sourceName)
            if severity == "error" {
                errors.append(inChapter ? (l, c, "error: " + message) : (nil, nil, line))
            } else if severity == "note", !errors.isEmpty, inChapter {
                errors[errors.count - 1].message += "\n  note (line \(l)): " + message
            }
        }
        return errors
    }

    private static func splitDiagnostic(_ line: String) -> (String, Int, Int, String, String)? {
        for severity in ["error", "note", "warning"] {
            guard let range = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let l = Int(location[location.count - 2]),
                let c = Int(location[location.count - 1])
            else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return (file, l, c, severity, String(line[range.upperBound...]))
        }
        return nil
    }

    static func which(_ name: String, path: String?) -> String? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
