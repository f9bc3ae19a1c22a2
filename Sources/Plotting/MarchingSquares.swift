/// Contour lines of a function sampled on a grid, by marching squares.
///
/// Each grid cell is classified by which corners lie above the level; the level line
/// crosses the cell edges whose ends differ, at the linearly interpolated point.
/// Ambiguous saddle cells are resolved by the cell's mean. Segments are then joined
/// into polylines through the edges they share.
enum MarchingSquares {
    /// Polylines of `values[j][i]` (at x[i], y[j]) equal to `level`, in data coordinates.
    static func contours(x: [Double], y: [Double], values: [[Double]], level: Double) -> [[(Double, Double)]] {
        let nx = x.count, ny = y.count
        guard nx >= 2, ny >= 2 else { return [] }
        // Edge ids: horizontal edge from (i, j) to (i+1, j) is 2(j·nx + i); vertical edge
        // from (i, j) to (i, j+1) is 2(j·nx + i) + 1.
        func h(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) }
        func v(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) + 1 }
        var points: [Int: (Double, Double)] = [:]
        func point(_ edge: Int) -> (Double, Double) {
            if let p = points[edge] { return p }
            let cell = edge / 2, i = cell % nx, j = cell / nx
            let a = values[j][i]
            let p: (Double, Double)
            if edge % 2 == 0 {
                let b = values[j][i + 1], t = (level - a) / (b - a)
                p = (x[i] + (x[i + 1] - x[i]) * t, y[j])
            } else {
                let b = values[j + 1][i], t = (level - a) / (b - a)
                p = (x[i], y[j] + (y[j + 1] - y[j]) * t)
            }
            points[edge] = p
            return p
        }
        var segments: [(Int, Int)] = []
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let v00 = values[j][i], v10 = values[j][i + 1], v11 = values[j + 1][i + 1], v01 = values[j + 1][i]
                guard v00.isFinite, v10.isFinite, v11.isFinite, v01.isFinite else { continue }
                var c = 0
                if v00 > level { c |= 1 }
                if v10 > level { c |= 2 }
                if v11 > level { c |= 4 }
                if v01 > level { c |= 8 }
                let bottom = h(i, j), top = h(i, j + 1), left = v(i, j), right = v(i + 1, j)
                switch c {
                case 0, 15: break
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5, 10:
                    let centreAbove = (v00 + v10 + v11 + v01) / 4 > level
                    if (c == 5) == centreAbove {
                        segments.append((left, top))
                        segments.append((bottom, right))
                    } else {
                        segments.append((left, bottom))
                        segments.append((right, top))
                    }
                default: break
                }
            }
        }
        // Join segments through shared edges. Each edge borders at most two cells.
        var byEdge: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() {
            byEdge[s.0, default: []].append(k)
            byEdge[s.1, default: []].append(k)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[(Double, Double)]] = []
        func next(from edge: Int) -> (segment: Int, other: Int)? {
            for k in byEdge[edge] ?? [] where !used[k] {
                let s = segments[k]
                return (k, s.0 == edge ? s.1 : s.0)
            }
            return nil
        }
        for k in segments.indices where !used[k] {
            used[k] = true
            var forward = [segments[k].0, segments[k].1]
            while let (s, other) = next(from: forward.last!) {
                used[s] = true
                forward.append(other)
            }
            var backward: [Int] = []
            var head = forward[0]
            while let (s, other) = next(from: head) {
                used[s] = true
                backward.append(other)
                head = other
            }
            lines.append((backward.reversed() + forward).map(point))
        }
        return lines
    }
}
