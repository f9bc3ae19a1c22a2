// swift-tools-version:6.0
//
// The layout follows the data flow of DESIGN.md, with arrows pointing one way:
// tutorial → Book → (NotebookProtocol, Plotting); NotebookProtocol ← Notebook → (NeuralEngine, Plotting) → C shims.
// Book talks to chapter programs only through NotebookProtocol (messages, environment,
// limits, runtime calls); it never links the engine.
import PackageDescription

let package = Package(
    name: "tutorial-book",
    platforms: [.macOS(.v14)],
    products: [
        // MARK: - Public API
        .executable(name: "tutorial", targets: ["TutorialCommand"]),
        .executable(name: "engine-bench", targets: ["EngineBench"]),
        .library(name: "NeuralEngine", targets: ["NeuralEngine"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        // Chapter programs are compiled by `tutorial` against this dynamic library,
        // which carries the notebook runtime, the engine and plotting.
        .library(name: "NotebookRuntime", type: .dynamic, targets: ["Notebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The theme's page templates: the whole Mustache language for theme authors.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The preview server of `tutorial serve`: small, async/await, no further packages.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // MARK: - C shims
        // OpenBLAS's CBLAS, and LIBXSMM's generated kernels for single-precision
        // products (see NeuralEngine's Float+Product.swift).
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "libxsmm-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        // prctl, pidfd_open and waitid(WNOWAIT), which Swift cannot call directly: the tool
        // and the runtime use them so nothing a chapter starts outlives the tool (imported
        // implementation-only by the runtime, so chapter programs need no module map).
        .systemLibrary(name: "CProcessControl", path: "Sources/CProcessControl"),

        // MARK: - Implementation
        .target(name: "NeuralEngine", dependencies: ["CBLAS", "CZlib"]),
        // Plotting compresses its PNGs with zlib (imported implementation-only, like the
        // engine's C libraries, so chapter programs need no C module maps).
        .target(name: "Plotting", dependencies: ["CZlib"]),
        // What a chapter program and the book say to each other.
        .target(name: "NotebookProtocol"),
        .target(name: "Notebook", dependencies: ["NotebookProtocol", "NeuralEngine", "Plotting", "CProcessControl"]),
        .target(
            name: "Book",
            dependencies: [
                // Plotting's text widths, for the words an edition puts into a drawn chart.
                "NotebookProtocol", "Plotting", "CCmark", "CProcessControl",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Theme")]),
        // `tutorial serve`: watches the chapters, rebuilds what changed, serves the book
        // with live progress. Book's public API only.
        .target(
            name: "BookPreview",
            dependencies: ["Book", .product(name: "FlyingFox", package: "FlyingFox")],
            resources: [.copy("Client")]),
        .executableTarget(
            name: "TutorialCommand",
            dependencies: [
                "Book",
                "BookPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "EngineBench", dependencies: ["NeuralEngine"]),

        // MARK: - Tests
        .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CZlib"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "NotebookProtocol"]),
        .testTarget(name: "BookTests", dependencies: ["Book"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BookPreviewTests", dependencies: ["BookPreview"]),
        .testTarget(
            name: "TutorialTests", dependencies: ["Book"], resources: [.copy("Fixtures")]),
    ]
)
