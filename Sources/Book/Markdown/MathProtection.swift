/// Math spans cut out of a chapter's Markdown before cmark sees it, so that
/// `$W_{t+1} = W_t - \eta g_t$` reaches the page exactly as written. Each span is
/// replaced by a placeholder cmark passes through as text (private-use characters
/// around its number); the renderer puts the math back.
///
/// Rules (as Pandoc's): `$$…$$` is display math; `$…$` is inline math when the opening
/// `$` is not followed by a space and the closing `$` is neither preceded by a space nor
/// followed by a digit. `\$` is a dollar sign. Nothing inside code spans or fenced code
/// is math. Math does not cross a blank line.
public struct MathSpan: Sendable, Equatable {
    /// The TeX between the dollars, untouched.
    public var tex: String
    public var display: Bool
    /// The span as written, dollars included.
    public var original: String { display ? "$$\(tex)$$" : "$\(tex)$" }
}

public struct ProtectedMarkdown: Sendable {
    public var text: String
    public var spans: [MathSpan]
    /// For each line of `text` (0-based), its line in the original source (1-based):
    /// display math over several lines becomes a one-line placeholder, and cmark's line
    /// numbers must still name the chapter's real lines.
    public var originalLines: [Int] = []

    /// The source line of a line of the protected text (both 1-based).
    public func originalLine(_ line: Int) -> Int {
        guard line >= 1 else { return line }
        if line - 1 < originalLines.count { return originalLines[line - 1] }
        return line + (originalLines.last.map { $0 - originalLines.count } ?? 0)
    }

    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    static func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }

    /// Splits text containing placeholders into literal pieces and math spans.
    public func pieces(of text: String) -> [Piece] {
        guard text.contains(Self.open) else { return [.literal(text)] }
        var result: [Piece] = []
        var literal = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == Self.open, let end = text[i...].firstIndex(of: Self.close),
                let n = Int(text[text.index(after: i)..<end]), spans.indices.contains(n)
            {
                if !literal.isEmpty {
                    result.append(.literal(literal))
                    literal = ""
                }
                result.append(.math(spans[n]))
                i = text.index(after: end)
            } else {
                literal.append(text[i])
                i = text.index(after: i)
            }
        }
        if !literal.isEmpty { result.append(.literal(literal)) }
        return result
    }

    /// Text with every placeholder turned back into the math as written.
    public func restored(_ text: String) -> String {
        pieces(of: text).map { piece in
            switch piece {
            case .literal(let s): return s
            case .math(let span): return span.original
            }
        }.joined()
    }

    public enum Piece: Equatable {
        case literal(String)
        case math(MathSpan)
    }
}

extension ProtectedMarkdown {
    /// Protects the math in `source`. `codeLines` (1-based) are copied verbatim: the
    /// lines of the code blocks cmark found in a first parse, so math protection and the
    /// page agree on what is code (fences in lists and quotes, indented code) by
    /// construction.
    public static func protect(_ source: String, codeLines: Set<Int> = []) -> ProtectedMarkdown {
        var spans: [MathSpan] = []
        var output = ""
        output.reserveCapacity(source.utf8.count)
        var prose = ""
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            let text = i + 1 < lines.count ? line + "\n" : line
            if codeLines.contains(i + 1) {
                output += protectProse(prose, spans: &spans)
                prose = ""
                output += text
            } else {
                prose += text
            }
        }
        output += protectProse(prose, spans: &spans)
        var result = ProtectedMarkdown(text: output, spans: spans)
        // Line map: every placeholder swallowed its span's newlines.
        var original = 1
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            result.originalLines.append(original)
            original += 1
            for piece in result.pieces(of: String(line)) {
                if case .math(let span) = piece { original += span.tex.filter { $0 == "\n" }.count }
            }
        }
        return result
    }

    private static func protectProse(_ text: String, spans: inout [MathSpan]) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func isBlankLineAhead(_ k: Int) -> Bool {
            // A newline followed by only spaces/tabs and another newline ends a paragraph.
            guard chars[k] == "\n" else { return false }
            var j = k + 1
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            return j >= chars.count || chars[j] == "\n"
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out.append(c)
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "`" {
                var n = 0
                while i + n < chars.count, chars[i + n] == "`" { n += 1 }
                // Find a closing run of exactly n backticks within the paragraph.
                var j = i + n
                var closing: Int? = nil
                while j < chars.count {
                    if isBlankLineAhead(j) { break }
                    if chars[j] == "`" {
                        var m = 0
                        while j + m < chars.count, chars[j + m] == "`" { m += 1 }
                        if m == n {
                            closing = j
                            break
                        }
                        j += m
                    } else {
                        j += 1
                    }
                }
                if let closing {
                    out += String(chars[i..<(closing + n)])
                    i = closing + n
                } else {
                    out += String(repeating: "`", count: n)
                    i += n
                }
                continue
            }
            if c == "$" {
                let display = i + 1 < chars.count && chars[i + 1] == "$"
                let start = i + (display ? 2 : 1)
                if let end = closingDollar(chars, from: start, display: display, blankLine: isBlankLineAhead) {
                    let tex = String(chars[start..<end])
                    spans.append(MathSpan(tex: tex, display: display))
                    out += placeholder(spans.count - 1)
                    i = end + (display ? 2 : 1)
                    continue
                }
                out.append(c)
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static func closingDollar(
        _ chars: [Character], from start: Int, display: Bool,
        blankLine: (Int) -> Bool
    ) -> Int? {
        guard start < chars.count else { return nil }
        if !display, chars[start] == " " || chars[start] == "\n" || chars[start] == "\t" { return nil }
        var j = start
        while j < chars.count {
            let c = chars[j]
            if blankLine(j) { return nil }
            if c == "\\" {
                j += 2
                continue
            }
            if c == "$" {
                if display {
                    if j + 1 < chars.count, chars[j + 1] == "$", j > start { return j }
                } else {
                    let before = chars[j - 1]
                    let after: Character? = j + 1 < chars.count ? chars[j + 1] : nil
                    if j > start, before != " ", before != "\t", before != "\n",
                        !(after?.isNumber ?? false)
                    {
                        return j
                    }
                }
            }
            j += 1
        }
        return nil
    }
}
