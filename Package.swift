// swift-tools-version:6.0
//
// The layout follows the data flow of DESIGN.md, with arrows pointing one way:
// tutorial → Book → (Notebook, Plotting) → NeuralEngine → C shims.
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

        // MARK: - Implementation
        .target(name: "NeuralEngine", dependencies: ["CBLAS", "CZlib"]),
        .target(name: "Plotting"),
        .target(name: "Notebook", dependencies: ["NeuralEngine", "Plotting"]),
        .target(
            name: "Book",
            dependencies: ["Notebook", "Plotting", "CCmark"],
            resources: [.copy("Theme")]),
        .executableTarget(
            name: "TutorialCommand",
            dependencies: [
                "Book",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "EngineBench", dependencies: ["NeuralEngine"]),

        // MARK: - Tests
        .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "BookTests", dependencies: ["Book"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "TutorialTests", dependencies: ["Book"], resources: [.copy("Fixtures")]),
    ]
)
