/// Small, allocation-light helpers that write SVG text: XML escaping and numbers
/// rounded to one decimal (a tenth of a pixel is finer than any screen shows).
public enum SVG {
    /// Escapes text for XML content and attribute values, and drops the control
    /// characters XML 1.0 forbids (they would make the whole figure unparseable).
    /// Public for the words an edition writes into a drawn figure.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `v` rounded to tenths, without trailing zeros: 12 → "12", 12.25 → "12.3", -0.04 → "0".
    static func num(_ v: Double) -> String {
        tenths(tenthsOf(v))
    }

    /// `v` in tenths, rounded; non-finite or huge values become 0 so output stays valid.
    static func tenthsOf(_ v: Double) -> Int {
        let t = (v * 10).rounded()
        guard t.isFinite, abs(t) < 1e12 else { return 0 }
        return Int(t)
    }

    /// Writes an integer count of tenths as a decimal: 125 → "12.5", -5 → "-0.5".
    /// With `short`, the leading zero is dropped ("-.5"), as path data allows.
    static func tenths(_ t: Int, short: Bool = false) -> String {
        if t == 0 { return "0" }
        var i = t
        var s = ""
        if i < 0 {
            s = "-"
            i = -i
        }
        let whole = i / 10, frac = i % 10
        if whole != 0 || !short || frac == 0 { s += String(whole) }
        if frac != 0 {
            s += "."
            s += String(frac)
        }
        return s
    }
}

/// Builds path data with relative commands from points in absolute coordinates.
/// Points are rounded to tenths first and the differences taken between the rounded
/// values, so rounding never accumulates along a long curve.
struct PathBuilder {
    private(set) var data = ""
    private var current: (x: Int, y: Int)?
    private var subpathStart: (x: Int, y: Int)?
    private var lastCommand: Character?
    private var needsSeparator = false

    var isEmpty: Bool { data.isEmpty }

    private mutating func command(_ c: Character) {
        if lastCommand != c {
            data.append(c)
            lastCommand = c
            needsSeparator = false
        }
    }

    private mutating func number(_ t: Int) {
        let s = SVG.tenths(t, short: true)
        // A minus sign separates by itself, and so does a leading dot after a number
        // that already has one ("1.5.5" reads as 1.5 and .5); anything else needs a space.
        if needsSeparator, s.first != "-", !(s.first == "." && lastNumberHadDot) {
            data.append(" ")
        }
        data += s
        lastNumberHadDot = s.contains(".")
        needsSeparator = true
    }
    private var lastNumberHadDot = false

    mutating func move(_ x: Double, _ y: Double) {
        let p = (SVG.tenthsOf(x), SVG.tenthsOf(y))
        if let c = current {
            command("m")
            number(p.0 - c.x)
            number(p.1 - c.y)
            lastCommand = "l"  // further pairs after "m" are implicit "l"
        } else {
            command("M")
            number(p.0)
            number(p.1)
            lastCommand = "M"
        }
        current = p
        subpathStart = p
    }

    /// A straight line to (x, y); a segment that rounds to nothing is dropped.
    mutating func line(_ x: Double, _ y: Double) {
        guard let c = current else {
            move(x, y)
            return
        }
        let p = (SVG.tenthsOf(x), SVG.tenthsOf(y))
        let dx = p.0 - c.x, dy = p.1 - c.y
        if dx == 0 && dy == 0 { return }
        if dy == 0 {
            command("h")
            number(dx)
        } else if dx == 0 {
            command("v")
            number(dy)
        } else {
            command("l")
            number(dx)
            number(dy)
        }
        current = p
    }

    /// A dot: a zero-length segment, drawn as a circle or square by the stroke's line cap.
    mutating func dot(_ x: Double, _ y: Double) {
        move(x, y)
        command("h")
        number(0)
    }

    /// Appends a marker outline given relative to its centre, e.g. a diamond.
    mutating func shape(at x: Double, _ y: Double, relative: [(Double, Double)]) {
        guard let first = relative.first else { return }
        move(x + first.0, y + first.1)
        var cx = SVG.tenthsOf(x + first.0), cy = SVG.tenthsOf(y + first.1)
        for (rx, ry) in relative.dropFirst() {
            let px = SVG.tenthsOf(x + rx), py = SVG.tenthsOf(y + ry)
            command("l")
            number(px - cx)
            number(py - cy)
            cx = px
            cy = py
        }
        current = (cx, cy)
        close()
    }

    mutating func close() {
        data.append("z")
        lastCommand = "z"
        needsSeparator = false
        current = subpathStart
    }
}
