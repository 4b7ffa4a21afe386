/// The rows a one-off query returned, per table, still encoded.
public struct OneOffQueryRows: Sendable {
    /// One table's rows.
    public struct Table: Sendable {
        /// The table's name.
        public var name: String
        /// Its rows.
        public var rows: BsatnRowList
    }

    /// The tables in the answer.
    public var tables: [Table]

    /// Decodes the rows of table `name` (all tables when nil) as `Row`.
    public func rows<Row: BSATNDecodable>(of name: String? = nil, as _: Row.Type = Row.self) throws(BSATNDecodingError) -> [Row] {
        var result: [Row] = []
        for table in tables where name == nil || table.name == name {
            result += try table.rows.decodeRows(as: Row.self)
        }
        return result
    }
}

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
