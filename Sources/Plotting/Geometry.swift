/// A rectangle in SVG user units (pixels at 100 %), y pointing down.
struct Rect: Equatable {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func intersects(_ o: Rect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
}

/// Drops points of a polyline that lie within `tolerance` pixels of the line through
/// their neighbours (Ramer–Douglas–Peucker), so smooth contours need few points.
func simplify(_ points: [(Double, Double)], tolerance: Double) -> [(Double, Double)] {
    guard points.count > 2 else { return points }
    var keep = [Bool](repeating: false, count: points.count)
    keep[0] = true
    keep[points.count - 1] = true
    var stack = [(0, points.count - 1)]
    while let (a, b) = stack.popLast() {
        guard b > a + 1 else { continue }
        let (ax, ay) = points[a], (bx, by) = points[b]
        let dx = bx - ax, dy = by - ay
        let length = (dx * dx + dy * dy).squareRoot()
        var worst = a, worstDistance = -1.0
        for i in (a + 1)..<b {
            let (px, py) = points[i]
            let d =
                length > 0
                ? abs(dy * (px - ax) - dx * (py - ay)) / length
                : ((px - ax) * (px - ax) + (py - ay) * (py - ay)).squareRoot()
            if d > worstDistance {
                worstDistance = d
                worst = i
            }
        }
        if worstDistance > tolerance {
            keep[worst] = true
            stack.append((a, worst))
            stack.append((worst, b))
        }
    }
    return points.indices.filter { keep[$0] }.map { points[$0] }
}

/// `v` truncated to an integer within `lo...hi`; NaN gives `lo`. Converting an
/// unchecked Double to Int traps on NaN or huge values, which data can produce.
func clampedInt(_ v: Double, _ lo: Int, _ hi: Int) -> Int {
    if v.isNaN { return lo }
    if v <= Double(lo) { return lo }
    if v >= Double(hi) { return hi }
    return Int(v)
}
