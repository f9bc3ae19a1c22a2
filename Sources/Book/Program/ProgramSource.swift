import NotebookProtocol

/// The Swift program made of a chapter's run blocks, in order, each preceded by
/// `#sourceLocation` so that the compiler and runtime traps name Markdown lines.
///
/// All blocks share one top level, so a later block sees what earlier ones declared.
/// `print` is shadowed so printed text goes over the side channel at once, in order with
/// tables and figures, and survives a trap.
enum ProgramSource {
    /// The file name the program's code claims to come from; diagnostics name it and the
    /// runner maps it back to the chapter's path.
    static func sourceName(for chapter: Chapter) -> String { chapter.slug + ".md" }

    static func generate(for chapter: Chapter) -> String {
        let file = swiftStringLiteral(sourceName(for: chapter))
        var s = """
            import Foundation
            import \(RuntimeInterface.module)

            func print(_ items: Any..., separator: String = " ", terminator: String = "\\n") {
                \(RuntimeInterface.print)(items, separator: separator, terminator: terminator)
            }
            setvbuf(stdout, nil, _IONBF, 0)

            """
        for block in chapter.blocks {
            s += "\(RuntimeInterface.blockStart)(\(block.index))\n"
            s += "#sourceLocation(file: \(file), line: \(block.codeLine))\n"
            s += block.code
            if !block.code.hasSuffix("\n") { s += "\n" }
            s += "#sourceLocation()\n"
            s += "\(RuntimeInterface.blockEnd)(\(block.index))\n"
        }
        return s
    }

    static func swiftStringLiteral(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            // A file name may hold any character but `/`: control characters are escaped.
            case _ where scalar.properties.generalCategory == .control:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
