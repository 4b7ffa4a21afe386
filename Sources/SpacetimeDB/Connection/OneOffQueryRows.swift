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
