// The result model carries the protocol's payloads (tables, figures, expectations) and
// limits, so clients of Book see them without importing the protocol themselves.
@_exported import NotebookProtocol
