import Foundation
import Testing

@Suite struct InterruptTests {
    /// Chapter programs (not their compilers) whose command line mentions `needle`; any
    /// process that does, with `programsOnly` false.
    static func processes(matching needle: String, programsOnly: Bool = true) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let command = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return command.contains(needle) && (!programsOnly || command.hasSuffix("/chapter ")) ? command : nil
        }
    }

    @Test func ctrlCStopsTheChapterProgramsToo() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("interrupt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try "# Loop\n\n```swift run timeout=300\nwhile true { usleep(1000) }\n```\n"
            .write(to: root.appendingPathComponent("chapters/01-loop.md"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = try CommandLineTests.tutorial()
        process.arguments = ["build"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        let program = root.path + "/.tutorial-cache/build/"
        var waited = 0.0
        while Self.processes(matching: program).isEmpty && waited < 60 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 0.1
        }
        #expect(!Self.processes(matching: program).isEmpty, "the chapter program never started")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGINT)
        try await Task.sleep(for: .milliseconds(300))
        #expect(Self.processes(matching: program).isEmpty)
    }
}
