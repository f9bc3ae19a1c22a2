import NeuralEngine
#if canImport(Glibc)
import Glibc
#endif

/// Picks the OpenBLAS thread count that runs this workload's products fastest right
/// now: one thread or all cores.
///
/// Which wins depends on the machine's load more than on the sizes. On an idle
/// 2-core machine a second thread can shorten the 128×784·784×100 products; when
/// other processes hold the cores, OpenBLAS's threads wait for each other and every
/// product slows down (measured: the NumPy reference went from 6.9 s to 25 s with
/// two threads on a loaded machine). So the bench measures instead of guessing:
/// the best of 3 timings of the first layer's forward and weight-gradient products,
/// with each candidate; more threads must win by 10% to be chosen.
func fastestBLASThreadCount() -> Int {
    let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    guard cores > 1 else { return 1 }
    var random = SeededRandom(seed: 42)
    let x: Matrix<Float> = random.uniformMatrix(128, 784, low: 0, high: 1)
    let w: Matrix<Float> = random.normalMatrix(784, 100, std: 0.05)
    let dy: Matrix<Float> = random.normalMatrix(128, 100, std: 0.01)

    func seconds(threads: Int) -> Double {
        BLAS.threadCount = threads
        var best = Double.infinity
        for _ in 0..<3 {
            let start = secondsNow()
            for _ in 0..<20 {
                _ = Matrix.matmul(x, w)
                _ = Matrix.matmul(x, dy, transposeA: true)
            }
            best = Swift.min(best, secondsNow() - start)
        }
        return best
    }
    _ = seconds(threads: 1)  // warm up caches and the thread pool
    let one = seconds(threads: 1), all = seconds(threads: cores)
    return all < 0.9 * one ? cores : 1
}
