/// Why a typed one-off query (``DbConnection/query(_:table:as:)``) gave no rows.
public enum OneOffRowsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server refused the query or the connection ended before the answer.
    case query(OneOffQueryError)
    /// A row did not decode as the requested type (the query read another table or the bindings are stale).
    case undecodableRow(BSATNDecodingError)

    /// The text shown to users and in logs.
    public var description: String {
        switch self {
        case .query(let error): return "\(error)"
        case .undecodableRow(let error): return "query rows did not decode: \(error); are the bindings up to date?"
        }
    }
}
