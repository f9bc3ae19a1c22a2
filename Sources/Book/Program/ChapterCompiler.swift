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
    static let flags = ["-O", "-gline-tables-only", "-swift-version", "5", "-module-name", "Chapter",
                        "-suppress-warnings", "-diagnostic-style", "llvm"]

    func compile(source: URL, sourceName: String, output: URL) throws -> Outcome {
        let arguments = Self.flags + [
            source.path,
            "-I", runtime.modules.path,
            "-L", runtime.binDirectory.path, "-l" + RuntimeInterface.library,
            "-Xlinker", "-rpath", "-Xlinker", runtime.binDirectory.path,
            "-o", output.path,
        ]
        let (termination, text, cpu) = try ChildProcess.captureMeasured(swiftc, arguments,
                                                                        environment: ProcessInfo.processInfo.environment,
                                                                        timeout: 600)
        let errors = Self.parseErrors(text, sourceName: sourceName)
        if termination == .exited(0) { return Outcome(succeeded: true, errors: [], output: text, cpuSeconds: cpu) }
        if errors.isEmpty {
            let why = termination == .timedOut ? "the compiler took longer than 600 s" : "the compiler failed"
            return Outcome(succeeded: false, errors: [(nil, nil, "\(why):\n\(text)")], output: text, cpuSeconds: cpu)
        }
        return Outcome(succeeded: false, errors: errors, output: text, cpuSeconds: cpu)
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
                  let c = Int(location[location.count - 1]) else { continue }
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
