/// Why an input history file could not be read as one.
public enum InputHistoryCodecError: Error, Equatable, CustomStringConvertible {
    /// The file is not UTF-8 text.
    case notUTF8
    /// The first line is not `InputHistoryCodec.header` (another program's file, or a newer format).
    case unknownFormat(firstLine: String)
    /// A `\` on this line (1-based) is not followed by `\`, `n` or `r`.
    case badEscape(line: Int)

    /// What went wrong, for the log.
    public var description: String {
        switch self {
        case .notUTF8: "it is not UTF-8 text"
        case .unknownFormat(let firstLine): "its first line is \(firstLine.debugDescription), not \(InputHistoryCodec.header.debugDescription)"
        case .badEscape(let line): "line \(line) has a \\ that is not \\\\, \\n or \\r"
        }
    }
}
