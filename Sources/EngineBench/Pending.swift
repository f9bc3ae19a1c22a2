// Until the network lands on main: the runs need MLP.
func runOptimizerComparison(_ options: BenchOptions) throws {
    throw BenchOptions.UsageError(description: "the optimizer comparison needs the MLP, not merged yet")
}
