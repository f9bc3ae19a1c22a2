import Foundation

/// Where the notebook runtime a chapter program links against lives: the dynamic
/// library and Swift modules next to the running `tutorial` (or test) executable, and
/// the package's C module maps the engine's inlinable code needs.
public struct RuntimeLocation: Sendable {
    /// Holds `libNotebookRuntime.so` and `Modules/`.
    public var binDirectory: URL
    /// The package root (holds `Package.swift` and `Sources/CBLAS`).
    public var packageRoot: URL

    public var library: URL { binDirectory.appendingPathComponent("libNotebookRuntime.so") }
    public var modules: URL { binDirectory.appendingPathComponent("Modules") }

    public init(binDirectory: URL, packageRoot: URL) {
        self.binDirectory = binDirectory; self.packageRoot = packageRoot
    }

    /// `TUTORIAL_RUNTIME_DIR` or the running executable's folder; `TUTORIAL_PACKAGE_ROOT`
    /// or the first folder above it with a `Package.swift`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuntimeLocation {
        let fm = FileManager.default
        let bin: URL
        if let dir = environment["TUTORIAL_RUNTIME_DIR"] {
            bin = URL(fileURLWithPath: dir)
        } else {
            let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            bin = exe.deletingLastPathComponent()
        }
        let location = RuntimeLocation(binDirectory: bin, packageRoot: bin)
        guard fm.fileExists(atPath: location.library.path),
              fm.fileExists(atPath: location.modules.appendingPathComponent("Notebook.swiftmodule").path) else {
            throw BookError.runtimeMissing(searched: bin.path)
        }
        if let root = environment["TUTORIAL_PACKAGE_ROOT"] {
            return RuntimeLocation(binDirectory: bin, packageRoot: URL(fileURLWithPath: root))
        }
        var dir = bin
        while dir.path != "/" {
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: dir.appendingPathComponent("Sources/CBLAS/module.modulemap").path) {
                return RuntimeLocation(binDirectory: bin, packageRoot: dir)
            }
            dir = dir.deletingLastPathComponent()
        }
        throw BookError.packageRootMissing(from: bin.path)
    }

    /// Files whose contents decide what a chapter program links against.
    var buildFiles: [URL] {
        [library] + ["Notebook", "NeuralEngine", "Plotting"].map {
            modules.appendingPathComponent("\($0).swiftmodule")
        }
    }
}
