/// The `--schema` file could not be read.
struct InputFileError: Error, CustomStringConvertible {
    /// The path as given.
    var path: String
    /// The system's reason.
    var reason: String

    var description: String { "cannot read --schema \(path): \(reason)" }
}
