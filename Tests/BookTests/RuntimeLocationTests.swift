import Foundation
import Testing
@testable import Book

@Suite struct RuntimeLocationTests {
    @Test func missingRuntimeSaysHowToBuildIt() {
        #expect {
            _ = try RuntimeLocation.find(environment: ["TUTORIAL_RUNTIME_DIR": "/nonexistent/bin"])
        } throws: { error in
            "\(error)".contains("/nonexistent/bin") && "\(error)".contains("swift build -c release")
        }
    }

    @Test func runtimeNextToTheTestsAndThePackageRoot() throws {
        let runtime = try RuntimeLocation.find(environment: [:])
        #expect(FileManager.default.fileExists(atPath: runtime.library.path))
        #expect(FileManager.default.fileExists(atPath: runtime.packageRoot.appendingPathComponent("Sources/CBLAS/module.modulemap").path))
    }
}
