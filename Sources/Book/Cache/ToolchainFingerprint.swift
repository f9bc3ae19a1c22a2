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

    /// The BLAS library chapter programs load (the engine links `libopenblas.so.0`):
    /// its file, size and date, OpenBLAS's build configuration and the CPU kernel it
    /// chooses here, and `OPENBLAS_CORETYPE` if set (read, never set here). The tool
    /// does not link the engine, so it opens the library as the programs' loader does
    /// (`dlopen` searches the same paths) and asks it.
    static func blas(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var parts: [String] = []
        if let handle = dlopen(blasLibrary, RTLD_LAZY | RTLD_LOCAL) {
            // Where it was found: in this process's map of loaded files.
            let maps = FileHandle(forReadingAtPath: "/proc/self/maps")
                .flatMap { try? $0.readToEnd() }.map { String(decoding: $0, as: UTF8.self) } ?? ""
            var files = Set<String>()
            for line in maps.split(separator: "\n") {
                guard let slash = line.firstIndex(of: "/") else { continue }
                let path = String(line[slash...])
                if (path as NSString).lastPathComponent.hasPrefix("libopenblas") { files.insert(path) }
            }
            for path in files.sorted() {
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                parts.append("\(real) \(stamp(of: real))")
            }
            typealias Describe = @convention(c) () -> UnsafeMutablePointer<CChar>?
            for name in ["openblas_get_config", "openblas_get_corename"] {
                if let symbol = dlsym(handle, name), let text = unsafeBitCast(symbol, to: Describe.self)() {
                    parts.append(String(cString: text))
                }
            }
            // Left loaded: OpenBLAS starts threads when loaded, and unloading them is not safe.
        } else {
            parts.append("\(blasLibrary) not found")
        }
        parts.append("OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "")")
        return parts.joined(separator: "\n")
    }

    /// The BLAS library's name as chapter programs need it (`Sources/CBLAS`: `link "openblas"`).
    static let blasLibrary = "libopenblas.so.0"

    /// `SIZE MODIFIED` of a file, or `missing`.
    private static func stamp(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "missing" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
