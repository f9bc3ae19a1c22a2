/// SVG figures in pure Swift. Depends on nothing of the engine.
public enum Plotting {}
