import Foundation
import NotebookProtocol

/// Where the notebook runtime a chapter program links against lives: the dynamic
/// library and the Swift modules that the package's build put next to the running
/// `tutorial` (or test) executable. Chapter programs need nothing else: the engine
/// imports its C libraries internally, so their module maps stay out of the modules'
/// interfaces.
public struct RuntimeLocation: Sendable {
    /// Holds `libNotebookRuntime.so` and `Modules/`.
    public var binDirectory: URL

    public var library: URL { binDirectory.appendingPathComponent(RuntimeInterface.libraryFileName) }
    public var modules: URL { binDirectory.appendingPathComponent("Modules") }

    public init(binDirectory: URL) {
        self.binDirectory = binDirectory
    }

    /// `TUTORIAL_RUNTIME_DIR`, or the running executable's folder.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuntimeLocation {
        let bin: URL
        if let dir = environment["TUTORIAL_RUNTIME_DIR"] {
            bin = URL(fileURLWithPath: dir)
        } else {
            bin = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        }
        let location = RuntimeLocation(binDirectory: bin)
        let fm = FileManager.default
        guard fm.fileExists(atPath: location.library.path),
            fm.fileExists(atPath: location.modules.appendingPathComponent("\(RuntimeInterface.module).swiftmodule").path)
        else {
            throw BookError.runtimeMissing(searched: bin.path)
        }
        return location
    }

    /// Files whose contents decide what a chapter program links against.
    var buildFiles: [URL] {
        [library] + RuntimeInterface.modules.map { modules.appendingPathComponent("\($0).swiftmodule") }
    }
}
