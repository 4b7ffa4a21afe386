/// One output file: its name inside the output directory and its full text.
public struct GeneratedFile: Hashable, Sendable {
    /// The file name, e.g. `User.swift`.
    public var name: String
    /// The file's contents, UTF-8, ending in a newline.
    public var contents: String

    /// Creates a file.
    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
