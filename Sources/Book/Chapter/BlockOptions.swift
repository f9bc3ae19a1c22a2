/// What follows `run` on a block's fence line: ```` ```swift run hide timeout=300 id=loss ````.
public struct BlockOptions: Sendable, Equatable, Codable {
    /// Run the block but show only its results.
    public var hide = false
    /// The block's time limit in seconds; `nil` means the default.
    public var timeout: Double?
    /// A stable anchor for the block's results (`#ID`).
    public var id: String?

    public init(hide: Bool = false, timeout: Double? = nil, id: String? = nil) {
        self.hide = hide
        self.timeout = timeout
        self.id = id
    }

    /// What a fence's info string asks for.
    enum Parsed: Equatable {
        /// Not Swift, or Swift to show only.
        case display
        case run(BlockOptions)
        /// A `swift run` block with an option that makes no sense: the problem, with the
        /// offending word's offset in the info string.
        case invalid(offset: Int, message: String)
    }

    /// Parses an info string.
    static func parse(_ info: String) -> Parsed {
        let words = wordsWithOffsets(info)
        guard let first = words.first, first.word == "swift", words.count >= 2, words[1].word == "run" else {
            return .display
        }
        var options = BlockOptions()
        for (word, offset) in words.dropFirst(2) {
            if word == "hide" {
                options.hide = true
            } else if word.hasPrefix("timeout=") {
                let value = word.dropFirst("timeout=".count)
                guard let seconds = Double(value), seconds > 0, seconds.isFinite else {
                    return .invalid(offset: offset, message: "bad block option '\(word)': timeout= takes a positive number of seconds")
                }
                options.timeout = seconds
            } else if word.hasPrefix("id=") {
                let value = String(word.dropFirst("id=".count))
                guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    return .invalid(offset: offset, message: "bad block option '\(word)': id= takes letters, digits, '-' and '_'")
                }
                options.id = value
            } else {
                return .invalid(offset: offset, message: "unknown block option '\(word)' (expected hide, timeout=SECONDS or id=NAME)")
            }
        }
        return .run(options)
    }

    private static func wordsWithOffsets(_ info: String) -> [(word: String, offset: Int)] {
        var result: [(String, Int)] = []
        var current = ""
        var start = 0
        for (i, ch) in info.enumerated() {
            if ch == " " || ch == "\t" {
                if !current.isEmpty {
                    result.append((current, start))
                    current = ""
                }
            } else {
                if current.isEmpty { start = i }
                current.append(ch)
            }
        }
        if !current.isEmpty { result.append((current, start)) }
        return result
    }
}
