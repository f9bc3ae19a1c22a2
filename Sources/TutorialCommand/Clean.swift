import ArgumentParser
import Book
import Foundation

extension Tutorial {
    struct Clean: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the written book and the cached results.")

        @OptionGroup var book: BookOptions

        func run() async throws {
            let fm = FileManager.default
            for path in [book.output, book.cacheURL.path] where fm.fileExists(atPath: path) {
                try fm.removeItem(atPath: path)
                print("removed \(path)")
            }
        }
    }
}
