import Foundation

/// What a chapter's results depend on. Prose is not part of it: editing prose
/// re-renders the page from cached results without compiling.
struct CacheKeyInputs: Sendable {
    /// The runtime library's build: a hash of `libNotebookRuntime.so` and the modules.
    var runtimeFingerprint: String
    /// The datasets' fingerprints (file names, sizes and modification times).
    var datasetFingerprint: String
    var limits: RunLimits
    /// The compiler's version and the BLAS library's build (`ToolchainFingerprint`).
    var compilerFingerprint = ""
    var blasFingerprint = ""

    /// Bump when the meaning of cached results changes.
    static let toolVersion = "tutorial 0.1 results-format 2"

    /// `cache` is the results cache, where the compiler's version is remembered.
    static func make(
        runtime: RuntimeLocation, limits: RunLimits, cache: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CacheKeyInputs {
        var h = ContentHash()
        for file in runtime.buildFiles {
            h.update(file.lastPathComponent)
            h.update(fingerprint(of: file))
        }
        let swiftc = ChapterCompiler(runtime: runtime, environment: environment).swiftc
        return CacheKeyInputs(
            runtimeFingerprint: h.finalize(),
            datasetFingerprint: datasetFingerprint(environment: environment),
            limits: limits,
            compilerFingerprint: ToolchainFingerprint.compiler(
                swiftc: swiftc, memo: cache?.appendingPathComponent("compiler")),
            blasFingerprint: ToolchainFingerprint.libraries(
                runtimeLibrary: runtime.library, memo: cache?.appendingPathComponent("libraries"),
                environment: environment))
    }

    /// Hashes a file, or for a `.swiftmodule` folder the files inside it.
    private static func fingerprint(of url: URL) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return "missing" }
        if !isDirectory.boolValue { return ContentHash.of(file: url) ?? "unreadable" }
        var h = ContentHash()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? []
        for name in files {
            h.update(name)
            h.update(ContentHash.of(file: url.appendingPathComponent(name)) ?? "unreadable")
        }
        return h.finalize()
    }

    /// Fashion-MNIST's files (`FASHION_MNIST_DIR` or the Debian package's folder):
    /// names, sizes and modification times, cheap enough for every build.
    static func datasetFingerprint(environment: [String: String]) -> String {
        let dir = environment["FASHION_MNIST_DIR"] ?? "/usr/share/datasets/fashion-mnist"
        var h = ContentHash()
        h.update(dir)
        let fm = FileManager.default
        for name in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
            let attributes = try? fm.attributesOfItem(atPath: dir + "/" + name)
            h.update(name)
            h.update(UInt64((attributes?[.size] as? NSNumber)?.int64Value ?? -1))
            h.update(UInt64(bitPattern: Int64(((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1000)))
        }
        return h.finalize()
    }

    /// The key of one chapter: its run blocks' code and options, in order, and the rest.
    func key(for chapter: Chapter) -> String {
        var h = ContentHash()
        h.update(Self.toolVersion)
        h.update(ChapterCompiler.flags.joined(separator: " "))
        h.update(runtimeFingerprint)
        h.update(datasetFingerprint)
        h.update(compilerFingerprint)
        h.update(blasFingerprint)
        h.update("\(limits.blockSeconds) \(limits.chapterSeconds) \(limits.textBytesPerBlock) \(limits.channelBytes)")
        h.update(chapter.slug)
        h.update(ProgramSource.generate(for: chapter.withoutLines))
        for block in chapter.blocks {
            h.update("\(block.options.hide) \(block.options.timeout ?? -1) \(block.options.id ?? "")")
            // Locations are stored relative to blocks, but a block's indentation moves
            // reported columns.
            h.update(UInt64(block.column))
        }
        return h.finalize()
    }
}

extension Chapter {
    /// The chapter with block lines zeroed, so that the generated program (part of the
    /// key) does not change when prose above a block grows or shrinks.
    var withoutLines: Chapter {
        var copy = self
        copy.blocks = blocks.map {
            var b = $0
            b.codeLine = 1
            b.fenceLine = 0
            return b
        }
        return copy
    }
}
