/// Loads chapters, runs their blocks, renders the book.
public enum BookPipeline {}
