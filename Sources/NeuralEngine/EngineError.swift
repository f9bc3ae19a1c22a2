/// Errors the engine reports to its caller: data that cannot be read, and names that
/// mean nothing. Each description names the file or value at fault and what to do.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A dataset file does not exist (or cannot be opened) at `path`.
    case missingFile(path: String, debianPackage: String?)
    /// A dataset file exists but its contents are not what its format promises.
    case corruptFile(path: String, reason: String, debianPackage: String?)
    /// An optimizer was asked for by a name that is not one of `validNames`.
    case unknownOptimizer(name: String, validNames: [String])

    public var description: String {
        switch self {
        case .missingFile(let path, let package):
            return "dataset file not found: \(path)" + Self.installHint(package)
        case .corruptFile(let path, let reason, let package):
            return "dataset file is corrupt or truncated: \(path): \(reason)" + Self.installHint(package, reinstall: true)
        case .unknownOptimizer(let name, let validNames):
            return "unknown optimizer \"\(name)\"; valid names are: \(validNames.joined(separator: ", "))"
        }
    }

    private static func installHint(_ package: String?, reinstall: Bool = false) -> String {
        guard let package else { return "" }
        return reinstall
            ? " (reinstall it with `sudo apt-get install --reinstall \(package)`)"
            : " (install it with `sudo apt-get install \(package)`, or point to another directory)"
    }
}
