/// Estimated widths of text, for layout without a font engine. The estimates err a
/// little wide so labels keep clear of each other in any of the stack's fonts.
enum TextMetrics {
    static func width(_ text: String, size: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x1100...0x11FF, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFF60:
                em += 1.0  // Hangul, CJK and full-width forms
            // Widths of DejaVu Sans, the widest common fallback (Linux without Noto),
            // so text measured here fits in narrower system fonts too.
            case 0x20: em += 0.32
            case 0x30...0x39: em += 0.64
            case 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x7C, 0x21: em += 0.32  // . , : ; ' | !
            case 0x69, 0x6A, 0x6C, 0x49: em += 0.29  // i j l I
            case 0x66, 0x72, 0x74, 0x28, 0x29, 0x5B, 0x5D: em += 0.41
            case 0x6D, 0x77: em += 0.96
            case 0x4D, 0x57: em += 0.95
            case 0x41...0x5A: em += 0.72
            case 0x61...0x7A: em += 0.61
            case 0x2D: em += 0.36
            case 0x2212, 0x2B, 0x3D: em += 0.84
            case 0x3BB, 0x3B1...0x3C9: em += 0.62  // Greek
            default: em += 0.62
            }
        }
        return em * size
    }
}
