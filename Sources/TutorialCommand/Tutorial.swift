import ArgumentParser
import Book

@main
struct Tutorial: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, run and check the executable neural-network book.",
        subcommands: [Build.self, Run.self, Check.self, Serve.self, PDF.self, Clean.self])
}
