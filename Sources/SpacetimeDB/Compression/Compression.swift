/// The compression a connection asks the server to use for its messages (`?compression=` on connect).
public enum Compression: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Never compress.
    case none = "None"
    /// Brotli (the server's default when the parameter is missing).
    case brotli = "Brotli"
    /// Gzip.
    case gzip = "Gzip"

    /// The query-parameter spelling, `None` / `Brotli` / `Gzip` (case-sensitive, as the server expects).
    public var queryValue: String { rawValue }

    /// Parses the query-parameter spelling; nil for anything else.
    public init?(queryValue: String) { self.init(rawValue: queryValue) }

    /// The envelope tag a server frame compressed this way starts with.
    public var envelopeTag: UInt8 {
        switch self {
        case .none: return 0
        case .brotli: return 1
        case .gzip: return 2
        }
    }

    /// The query-parameter spelling.
    public var description: String { rawValue }
}
