import ArgumentParser
import Book
import BookPreview
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Tutorial {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the book and rebuild it as you write: pages update themselves on save.",
            discussion: """
                Writes the book (cached results make a warm start immediate), serves it at \
                http://127.0.0.1:3000/ and watches the chapters folder and the theme. A prose edit \
                re-renders the page without compiling; a code edit reruns that chapter only, with its \
                progress shown in the open page. A failing chapter's failures are shown over its last \
                good results. Ctrl-C stops the server and every chapter program; output/ is left \
                complete.
                """)

        @OptionGroup var book: BookOptions

        @Option(help: "The port to listen on (0 picks a free one).")
        var port = 3000

        @Option(help: "The address to listen on. The default serves this machine only; 0.0.0.0 serves the network.")
        var host = "127.0.0.1"

        @Flag(help: "Open the book in a web browser.")
        var open = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        }

        func run() async throws {
            let runtime: RuntimeLocation
            do { runtime = try RuntimeLocation.find() } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            let builder = BookBuilder(options: book.builderOptions(), runtime: runtime)
            let preview = BookPreview(builder: builder, address: .init(host: host, port: port), force: book.force)
            Self.stopOnSignals(preview)
            let url: URL
            do {
                url = try await preview.start()
            } catch {
                printError("error: \(error)")
                await preview.stop()
                throw ExitCode.failure
            }
            printOut("Serving the book at \(url) (watching \(book.chapters)/; Ctrl-C stops).")
            if open { Self.openBrowser(url) }
            // Runs until a signal stops the process.
            while true { try? await Task.sleep(for: .seconds(3600)) }
        }

        /// Ctrl-C or SIGTERM: cancel the runs (killing their processes), let a write in
        /// progress finish, close the server, exit with 128 + the signal.
        static func stopOnSignals(_ preview: BookPreview) {
            Interruption.shared.install()
            Interruption.shared.onSignal { sig in
                let semaphore = DispatchSemaphore(value: 0)
                Task {
                    await preview.stop()
                    semaphore.signal()
                }
                _ = semaphore.wait(timeout: .now() + 10)
                RunningChildren.shared.killAll()
                printError("stopped")
                Glibc.exit(128 + sig)
            }
        }

        static func openBrowser(_ url: URL) {
            for opener in ["xdg-open", "sensible-browser", "open"] {
                for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
                    let path = "\(dir)/\(opener)"
                    guard FileManager.default.isExecutableFile(atPath: path) else { continue }
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = [url.absoluteString]
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    if (try? process.run()) != nil { return }
                }
            }
            printError("no browser found to open (tried xdg-open, sensible-browser): open \(url) yourself")
        }
    }
}

/// Prints a line to standard output at once (it may be a pipe another program reads).
func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
}
