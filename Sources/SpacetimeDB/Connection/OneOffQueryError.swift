/// Why a one-off query gave no rows.
public enum OneOffQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server rejected the query with this message.
    case server(String)
    /// The connection ended before the answer came.
    case disconnected

    public var description: String {
        switch self {
        case .server(let message): return "query failed: \(message)"
        case .disconnected: return "query failed: the connection ended before the answer arrived"
        }
    }
}
