import Foundation
import Testing

/// Running `tutorial` with a bound on how long it may take, and looking for the
/// processes it started. Waits poll with generous deadlines: the machine is shared and
/// slow, and a test must not depend on how fast it is.
enum ProcessSupport {
    /// Runs `tutorial` in `directory`; kills it (and records a failure) if it has not
    /// ended after `seconds`. Output goes through files, so a process that keeps a pipe
    /// open cannot hold the test.
    static func run(
        _ arguments: [String], in directory: URL, seconds: Double = 300,
        environment: [String: String]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CommandLineTests.Output {
        let launched = try launch(arguments, in: directory, environment: environment)
        let process = launched.process
        let ended = waitUntil(seconds: seconds) { !process.isRunning }
        if !ended {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("tutorial \(arguments.joined(separator: " ")) did not end within \(Int(seconds)) s", sourceLocation: sourceLocation)
        }
        process.waitUntilExit()
        defer { launched.removeLogs() }
        return CommandLineTests.Output(status: process.terminationStatus, stdout: launched.log("out"), stderr: launched.log("err"))
    }

    /// A `tutorial` started by `launch`, and where its output goes.
    struct Launched {
        var process: Process
        var logBase: String
        var pid: pid_t { process.processIdentifier }

        func removeLogs() {
            for stream in ["out", "err"] { try? FileManager.default.removeItem(atPath: logBase + "." + stream) }
        }

        /// What it wrote to `stream` ("out" or "err") so far.
        func log(_ stream: String) -> String {
            (try? String(contentsOfFile: logBase + "." + stream, encoding: .utf8)) ?? ""
        }
    }

    /// A running `tutorial`, its standard output and error going to files beside `directory`.
    static func launch(
        _ arguments: [String], in directory: URL,
        environment: [String: String]? = nil
    ) throws -> Launched {
        let process = Process()
        process.executableURL = try CommandLineTests.tutorial()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let logBase = NSTemporaryDirectory() + "tutorial-log-\(UUID().uuidString.prefix(8))"
        for stream in ["out", "err"] { _ = FileManager.default.createFile(atPath: logBase + "." + stream, contents: nil) }
        process.standardOutput = FileHandle(forWritingAtPath: logBase + ".out")
        process.standardError = FileHandle(forWritingAtPath: logBase + ".err")
        try process.run()
        return Launched(process: process, logBase: logBase)
    }

    /// Polls `condition` every 100 ms for up to `seconds`; whether it came true.
    @discardableResult
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= end { return false }
            usleep(100_000)
        }
        return true
    }

    /// Processes whose command line satisfies `matches` (arguments joined by spaces).
    static func processes(_ matches: (_ arguments: [String]) -> Bool) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
                !data.isEmpty
            else { return nil }
            // A zombie has an empty command line and is gone for these purposes.
            let arguments = data.split(separator: 0, omittingEmptySubsequences: false).dropLast()
                .map { String(decoding: $0, as: UTF8.self) }
            return matches(Array(arguments)) ? pid : nil
        }
    }

    /// Chapter programs built under `root` (argv is just their path, …/chapter).
    static func chapterPrograms(under root: URL) -> [pid_t] {
        processes { $0.count == 1 && $0[0].hasPrefix(root.path + "/") && $0[0].hasSuffix("/chapter") }
    }

    /// `sleep MARKER` processes.
    static func sleepers(_ marker: String) -> [pid_t] {
        processes { $0.count == 2 && $0[0].hasSuffix("sleep") && $0[1] == marker }
    }

    /// A number no other test's sleeper has: `sleep` takes fractions.
    static func marker() -> String { "4000.\(UInt32.random(in: 100_000...999_999))" }

    /// Swift code for a block that starts `sleep MARKER` with Foundation's `Process` (in a
    /// process group of its own) and says so by making `started`.
    static func startSleeper(_ marker: String, started: URL) -> String {
        """
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["\(marker)"]
        try sleeper.run()
        FileManager.default.createFile(atPath: "\(started.path)", contents: nil)
        """
    }

    /// A temporary book folder with these chapters.
    static func book(_ chapters: [String: String]) throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("processes-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        for (name, text) in chapters {
            try text.write(to: root.appendingPathComponent("chapters/" + name), atomically: true, encoding: .utf8)
        }
        return root
    }
}
