/// Colours that stay apart for readers with colour-vision deficiencies.
///
/// Series colours follow Okabe & Ito (2008), with black replaced by `currentColor`
/// so it turns light in dark mode. Each colour has a dark-mode variant (lighter where
/// the original would sink into a dark page), switched by the figure's style sheet.
public enum Palette {
    /// Series colours for light backgrounds, in the order series receive them.
    public static let light = [
        "#0072B2", "#E69F00", "#009E73", "#D55E00",
        "#CC79A7", "#56B4E9", "currentColor", "#B8A600",
    ]
    /// The same series colours for dark backgrounds.
    public static let dark = [
        "#56B4E9", "#E69F00", "#009E73", "#D55E00",
        "#CC79A7", "#B4E1FA", "currentColor", "#F0E442",
    ]

    static func color(_ index: Int) -> String { light[index % light.count] }
}

/// Maps a value in 0…1 to a colour, for heat maps, contour levels and colour bars.
public enum ColorMap: Sendable, Equatable {
    /// Dark blue-purple to yellow, perceptually uniform (matplotlib's viridis).
    case viridis
    /// Blue through white to red, for values with a meaningful zero (weights).
    /// Pair it with symmetric limits, which `HeatMap` picks by default for this map.
    case blueWhiteRed
    /// Black to white, for images.
    case grayscale
    /// White to black.
    case grayscaleInverted

    var stops: [(Double, Double, Double)] {
        switch self {
        case .viridis:
            return [
                (68, 1, 84), (72, 36, 117), (65, 68, 135), (57, 86, 140), (49, 104, 142),
                (42, 120, 142), (35, 137, 142), (31, 154, 138), (34, 168, 132),
                (53, 183, 121), (84, 197, 104), (122, 209, 81), (165, 219, 54),
                (210, 226, 27), (253, 231, 37),
            ]
        case .blueWhiteRed:
            // Colour Brewer RdBu (reversed), friendly to red-green deficiencies.
            return [
                (33, 102, 172), (67, 147, 195), (146, 197, 222), (209, 229, 240),
                (247, 247, 247), (253, 219, 199), (244, 165, 130), (214, 96, 77),
                (178, 24, 43),
            ]
        case .grayscale: return [(0, 0, 0), (255, 255, 255)]
        case .grayscaleInverted: return [(255, 255, 255), (0, 0, 0)]
        }
    }

    /// The colour at `t` (clamped to 0…1; NaN gives the middle) as RGB bytes.
    func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let s = stops
        var t = t.isNaN ? 0.5 : min(1, max(0, t))
        t *= Double(s.count - 1)
        let i = min(s.count - 2, Int(t))
        let f = t - Double(i)
        func mix(_ a: Double, _ b: Double) -> UInt8 { UInt8((a + (b - a) * f).rounded()) }
        return (mix(s[i].0, s[i + 1].0), mix(s[i].1, s[i + 1].1), mix(s[i].2, s[i + 1].2))
    }

    func hex(_ t: Double) -> String {
        let (r, g, b) = rgb(t)
        return "#"
            + [r, g, b].map { byte in
                let h = String(byte, radix: 16, uppercase: true)
                return h.count == 1 ? "0" + h : h
            }.joined()
    }
}
