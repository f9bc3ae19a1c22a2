import Foundation

/// What can go wrong while writing the HTML book. Each case names the file, package or
/// value at fault, so the message alone says what to fix.
public enum SiteError: Error, CustomStringConvertible, Equatable {
    /// A JavaScript library the book ships offline is not installed.
    case missingPackage(package: String, expectedPath: String)
    /// The user's theme folder does not exist.
    case themeDirectoryNotFound(path: String)
    /// Neither the user's theme folder nor the built-in theme has this file.
    case missingThemeFile(name: String, searched: [String])
    /// A template refers to something the writer does not provide, or is malformed.
    case template(file: String, message: String)
    /// A chapter's slug cannot become a page's file name.
    case invalidSlug(String, reason: String)
    /// Writing or copying a file failed.
    case writing(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missingPackage(package, path):
            return "\(path) not found: the book's pages need the Debian package \(package) "
                + "(install it with `apt-get install \(package)`, or run scripts/setup-system.sh)"
        case let .themeDirectoryNotFound(path):
            return "theme folder \(path) not found (it overrides files of the built-in theme; see Sources/Book/Theme/README.md)"
        case let .missingThemeFile(name, searched):
            return "theme file \(name) not found (looked in \(searched.joined(separator: ", ")))"
        case let .template(file, message):
            return "theme template \(file): \(message)"
        case let .invalidSlug(slug, reason):
            return "chapter slug \"\(slug)\": \(reason)"
        case let .writing(path, reason):
            return "writing \(path): \(reason)"
        }
    }
}
