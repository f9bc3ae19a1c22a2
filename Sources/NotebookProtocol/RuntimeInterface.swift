/// How a chapter program reaches the notebook runtime: the module it imports, the
/// library it links and the calls the generated program makes around its blocks. The
/// runtime defines functions with exactly these names; the book writes programs that
/// call them.
public enum RuntimeInterface {
    /// The Swift module chapter programs import (it re-exports the engine and plotting).
    public static let module = "Notebook"
    /// The dynamic library chapter programs link: `lib\(library).so`.
    public static let library = "NotebookRuntime"
    public static var libraryFileName: String { "lib\(library).so" }
    /// Every module whose build decides what a chapter program links against (for the
    /// results cache's key).
    public static let modules = ["Notebook", "NotebookProtocol", "NeuralEngine", "Plotting"]

    /// `_notebookPrint(items, separator:terminator:)`: the program's `print`.
    public static let print = "_notebookPrint"
    /// `_notebookBlockStart(index)` and `_notebookBlockEnd(index)` around each block.
    public static let blockStart = "_notebookBlockStart"
    public static let blockEnd = "_notebookBlockEnd"
}
