/// Finds fenced code blocks line by line, the way CommonMark opens and closes them, so
/// that math protection can skip them and an unclosed fence can be reported with its
/// line instead of silently swallowing the rest of the chapter (as cmark does).
enum FenceScanner {
    struct Segment {
        var text: String
        var isCode: Bool
    }

    struct Fence {
        /// 1-based line and column of the opening fence.
        var line: Int
        var column: Int
        var closed: Bool
    }

    /// The source cut into prose and fenced-code segments (fence lines belong to code).
    static func segments(of source: String) -> [Segment] {
        var segments: [Segment] = []
        var current = ""
        var inCode = false
        scan(source) { line, role in
            let code = role != .prose
            if code != inCode {
                if !current.isEmpty { segments.append(Segment(text: current, isCode: inCode)) }
                current = ""
            }
            inCode = code
            current += line
        }
        if !current.isEmpty { segments.append(Segment(text: current, isCode: inCode)) }
        return segments
    }

    static func fences(of source: String) -> [Fence] {
        var fences: [Fence] = []
        var lineNumber = 0
        scan(source) { line, role in
            lineNumber += 1
            switch role {
            case .opening(let column): fences.append(Fence(line: lineNumber, column: column, closed: false))
            case .closing: fences[fences.count - 1].closed = true
            default: break
            }
        }
        return fences
    }

    enum Role: Equatable { case prose, opening(column: Int), code, closing }

    /// Calls `body` with each line (newline included) and its role.
    private static func scan(_ source: String, _ body: (Substring, Role) -> Void) {
        var open: (char: Character, count: Int)? = nil
        var start = source.startIndex
        while start < source.endIndex {
            let end = source[start...].firstIndex(of: "\n").map { source.index(after: $0) } ?? source.endIndex
            let line = source[start..<end]
            let content = line.hasSuffix("\n") ? line.dropLast() : line
            let indent = content.prefix { $0 == " " }.count
            let rest = content.dropFirst(indent)
            let fenceChar = rest.first
            let run = fenceChar.map { c in rest.prefix { $0 == c }.count } ?? 0
            if let o = open {
                if indent <= 3, fenceChar == o.char, run >= o.count,
                   rest.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    open = nil
                    body(line, .closing)
                } else {
                    body(line, .code)
                }
            } else if indent <= 3, let c = fenceChar, c == "`" || c == "~", run >= 3,
                      !(c == "`" && rest.dropFirst(run).contains("`")) {
                open = (c, run)
                body(line, .opening(column: indent + 1))
            } else {
                body(line, .prose)
            }
            start = end
        }
    }
}
