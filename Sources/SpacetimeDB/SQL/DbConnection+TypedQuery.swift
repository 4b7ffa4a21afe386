extension DbConnection {
    /// Runs a one-off query and decodes its rows; interpolated values in `sql` are escaped literals.
    ///
    /// ```swift
    /// let hourAgo = Timestamp(Date().addingTimeInterval(-3600))
    /// let recent = try await conn.query("SELECT * FROM message WHERE sent >= \(hourAgo)", as: Message.self)
    /// ```
    /// SpacetimeDB's SQL has no `ORDER BY` for subscriptions and one-off queries alike: sort the rows
    /// yourself. Needs ``runThreaded()`` (or ``frameTick()`` calls) to complete.
    public func query<Row: BSATNDecodable>(
        _ sql: SQLText, table: String? = nil, as _: Row.Type = Row.self
    ) async throws(OneOffRowsError) -> [Row] {
        let answer: OneOffQueryRows
        do {
            answer = try await oneOffQuery(sql.sql)
        } catch {
            throw .query(error)
        }
        do {
            return try answer.rows(of: table, as: Row.self)
        } catch {
            throw .undecodableRow(error)
        }
    }

    /// Runs a one-off query and hands its decoded rows to `completion` on the drain thread.
    public func query<Row: BSATNDecodable & Sendable>(
        _ sql: SQLText, table: String? = nil, as _: Row.Type = Row.self,
        then completion: @escaping @Sendable (Result<[Row], OneOffRowsError>) -> Void
    ) {
        oneOffQuery(sql.sql) { result in
            switch result {
            case .failure(let error): completion(.failure(.query(error)))
            case .success(let answer):
                do throws(BSATNDecodingError) {
                    completion(.success(try answer.rows(of: table, as: Row.self)))
                } catch {
                    completion(.failure(.undecodableRow(error)))
                }
            }
        }
    }
}
