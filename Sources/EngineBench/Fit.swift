func runFit(_ options: BenchOptions) throws {
    throw BenchOptions.UsageError(description: "fit needs the MLP, not merged yet")
}
