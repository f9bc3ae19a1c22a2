import CBLAS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What besides the runtime decides a chapter's numbers: the compiler that builds the
/// program and the BLAS library it calls. Both are part of the cache key, so upgrading
/// either reruns every chapter.
enum ToolchainFingerprint {
    /// The compiler's version (`swiftc --version`), with the size and date of its driver
    /// and frontend. Asking the compiler takes a fifth of a second, so the answer is kept
    /// in `memo` (a file in the cache) under the binaries' size and date, and asked again
    /// only when they change.
    static func compiler(swiftc: String, memo: URL?) -> String {
        let driver = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath()
        let frontend = driver.deletingLastPathComponent().appendingPathComponent("swift-frontend")
        let binaries = [driver, frontend].map { "\($0.path) \(stamp(of: $0.path))" }.joined(separator: "\n")
        if let memo, let text = try? String(contentsOf: memo, encoding: .utf8),
           text.hasPrefix(binaries + "\n") {
            return text
        }
        let version: String
        if let (termination, output) = try? ChildProcess.capture(swiftc, ["--version"], environment: ProcessInfo.processInfo.environment, timeout: 60),
           termination == .exited(0) {
            version = output.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            // Not cached: a compiler that cannot say its version is asked again next time.
            return binaries + "\nversion unknown"
        }
        let text = binaries + "\n" + version
        if let memo {
            let temporary = memo.deletingLastPathComponent().appendingPathComponent(".\(memo.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
            if (try? Data(text.utf8).write(to: temporary)) != nil, rename(temporary.path, memo.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
            }
        }
        return text
    }

    /// The BLAS library this process (and so each chapter program, which resolves it the
    /// same way) has loaded: its file, size and date, OpenBLAS's build configuration and
    /// the CPU kernel it chose, and `OPENBLAS_CORETYPE` if set (read, never set here).
    static func blas(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var parts: [String] = []
        // /proc files claim a size of 0: read to the end rather than by size.
        let maps = FileHandle(forReadingAtPath: "/proc/self/maps")
            .flatMap { try? $0.readToEnd() }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        var libraries = Set<String>()
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix("libopenblas") || name.hasPrefix("libblas") || name.hasPrefix("libcblas") {
                libraries.insert(path)
            }
        }
        for path in libraries.sorted() {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            parts.append("\(real) \(stamp(of: real))")
        }
        if let config = openblas_get_config() { parts.append(String(cString: config)) }
        if let core = openblas_get_corename() { parts.append(String(cString: core)) }
        parts.append("OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "")")
        return parts.joined(separator: "\n")
    }

    /// `SIZE MODIFIED` of a file, or `missing`.
    private static func stamp(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "missing" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
