import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What besides the runtime decides a chapter's numbers: the compiler that builds the
/// program, and the libraries it loads and the CPU they choose kernels for. All are part
/// of the cache key, so upgrading any of them reruns every chapter.
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
            text.hasPrefix(binaries + "\n")
        {
            return text
        }
        let version: String
        if let (termination, output) = try? ChildProcess.capture(
            swiftc, ["--version"], environment: ProcessInfo.processInfo.environment, timeout: 60),
            termination == .exited(0)
        {
            version = output.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            // Not cached: a compiler that cannot say its version is asked again next time.
            return binaries + "\nversion unknown"
        }
        let text = binaries + "\n" + version
        if let memo { write(text, to: memo) }
        return text
    }

    /// The shared libraries chapter programs load besides Swift's own (OpenBLAS, zlib,
    /// …), each as its resolved file with size and date, the CPU (OpenBLAS picks its
    /// kernels by CPU model, LIBXSMM generates them from its feature flags), and
    /// `OPENBLAS_CORETYPE` if set (read, never set here). The tool does not link the
    /// engine and does not load it (OpenBLAS would start threads in the tool): the
    /// libraries come from `ldd` on the runtime library, kept in `memo` under the
    /// runtime's size and date.
    static func libraries(
        runtimeLibrary: URL, memo: URL?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        let runtime = "\(runtimeLibrary.path) \(stamp(of: runtimeLibrary.path))"
        var linked: String
        if let memo, let text = try? String(contentsOf: memo, encoding: .utf8), text.hasPrefix(runtime + "\n") {
            linked = String(text.dropFirst(runtime.count + 1))
        } else if let (termination, output) = try? ChildProcess.capture(
            "/usr/bin/ldd", [runtimeLibrary.path],
            environment: environment, timeout: 60),
            termination == .exited(0)
        {
            linked = output.split(separator: "\n").compactMap { line -> String? in
                // `libopenblas.so.0 => /lib/x86_64-linux-gnu/libopenblas.so.0 (0x…)`
                guard let arrow = line.range(of: " => "), let paren = line.range(of: " (", options: .backwards),
                    arrow.upperBound < paren.lowerBound
                else { return nil }
                let path = String(line[arrow.upperBound..<paren.lowerBound])
                guard path.hasPrefix("/"), !path.contains("swift") else { return nil }
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                return "\(real) \(stamp(of: real))"
            }.sorted().joined(separator: "\n")
            if let memo { write(runtime + "\n" + linked, to: memo) }
        } else {
            // Not kept: asked again next time.
            linked = "libraries unknown"
        }
        return [linked, cpu(), "OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "")"].joined(separator: "\n")
    }

    /// The CPU's model name and feature flags, from `/proc/cpuinfo`'s first processor.
    static func cpu() -> String {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let wanted = ["vendor_id", "model name", "flags"]
        var found: [String] = []
        for line in text.split(separator: "\n") {
            let key = line.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if wanted.contains(key), !found.contains(where: { $0.hasPrefix(key + ":") }) {
                found.append(key + ":" + (line.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""))
            }
            if found.count == wanted.count { break }
        }
        return found.joined(separator: "\n")
    }

    private static func write(_ text: String, to memo: URL) {
        let temporary = memo.deletingLastPathComponent().appendingPathComponent(".\(memo.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        if (try? Data(text.utf8).write(to: temporary)) != nil, rename(temporary.path, memo.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// `SIZE MODIFIED` of a file, or `missing`.
    private static func stamp(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "missing" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
