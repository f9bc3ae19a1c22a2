import Foundation

/// What a trapped program's standard error says about where and why.
enum TrapReport {
    struct Parsed {
        var message: String?
        var line: Int?
        var column: Int?
        /// The innermost named frame outside the chapter (an engine function, say):
        /// `Dataset.init(inputs:labels:classCount:) (Sources/NeuralEngine/Dataset.swift:8)`.
        var callee: String?
    }

    /// Reads Swift's `FILE:LINE: Fatal error: …` line and the backtracer's frames
    /// (`… at FILE:LINE:COLUMN`), keeping those in the chapter's program.
    static func parse(_ stderr: String, sourceName: String) -> Parsed {
        var parsed = Parsed()
        for raw in stderr.split(separator: "\n") {
            let line = String(raw)
            if parsed.message == nil, let range = line.range(of: "Fatal error: ") {
                let prefix = line[..<range.lowerBound]
                var message = String(line[range.upperBound...])
                if message.hasPrefix("Error raised at top level: ") {
                    var error = message.dropFirst("Error raised at top level: ".count)
                    if error.hasPrefix("Chapter.") { error = error.dropFirst("Chapter.".count) }
                    message = "uncaught error: \(error)"
                } else {
                    message = "Fatal error: " + message
                }
                parsed.message = "error: " + message
                if prefix.hasSuffix(": ") {
                    let parts = prefix.dropLast(2).split(separator: ":")
                    if parts.count >= 2, let number = Int(parts[parts.count - 1]),
                        parts.dropLast().joined(separator: ":").hasSuffix(sourceName)
                    {
                        parsed.line = number
                    }
                }
            } else if parsed.message == nil, line.hasPrefix("*** Swift runtime failure: ") {
                parsed.message =
                    "error: Swift runtime failure: "
                    + line.dropFirst("*** Swift runtime failure: ".count)
                    .replacingOccurrences(of: " ***", with: "")
            } else if let frame = Frame(line) {
                let inChapter =
                    frame.file.hasSuffix(sourceName)
                    // Debug line tables keep #sourceLocation's lines but, in some frames,
                    // the generated file's name.
                    || frame.file.hasSuffix("/main.swift")
                if inChapter {
                    if parsed.column == nil, parsed.line == nil || parsed.line == frame.line {
                        parsed.line = frame.line
                        parsed.column = frame.column
                    }
                } else if parsed.callee == nil, parsed.column == nil, !frame.file.hasPrefix("/<compiler-generated>"),
                    !frame.file.hasPrefix("//<compiler-generated>")
                {
                    var file = frame.file
                    if let range = file.range(of: "/Sources/") { file = "Sources/" + file[range.upperBound...] }
                    parsed.callee = "\(frame.function) (\(file):\(frame.line))"
                }
            }
        }
        return parsed
    }

    /// One frame of the backtracer's report:
    /// `  1 [thunk]  0x00007f… Dataset.init(…) + 65 in libNotebookRuntime.so at /path/Dataset.swift:8:9`
    struct Frame {
        var function: String
        var file: String
        var line: Int
        var column: Int

        init?(_ text: String) {
            guard let at = text.range(of: " at ", options: .backwards),
                let address = text.range(of: " 0x")
            else { return nil }
            let location = text[at.upperBound...].split(separator: ":")
            guard location.count >= 3, let l = Int(location[location.count - 2]),
                let c = Int(location[location.count - 1])
            else { return nil }
            file = location.dropLast(2).joined(separator: ":")
            line = l
            column = c
            var rest = text[address.upperBound...]
            rest = rest.drop { $0 != " " }.dropFirst()
            if let plus = rest.range(of: " + ") {
                function = String(rest[..<plus.lowerBound])
            } else if let inImage = rest.range(of: " in ") {
                function = String(rest[..<inImage.lowerBound])
            } else {
                function = String(rest)
            }
        }
    }
}
