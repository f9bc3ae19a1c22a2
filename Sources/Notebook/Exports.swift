@_exported import NeuralEngine
@_exported import Plotting
