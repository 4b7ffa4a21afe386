import QuickstartChat
import SpacetimeDB

/// Turns table contents and transaction changes into the row parts of protocol messages, per query.
///
/// Pure functions: what a client receives depends only on its queries and the data.
public enum UpdateBuilder {
    /// The rows a query selects from the committed tables, as BSATN (messages in `sent` order).
    public static func rows(of query: SQLQuery, in tables: ChatTables) -> [[UInt8]] {
        switch query.table {
        case .user: return tables.allUsers.filter(query.matches).map { $0.bsatnBytes() }
        case .message:
            // `messages` is ordered by `sent`: a window reads only its slice, not every row.
            guard let bounds = query.sentBounds else { return [] }
            return tables.messages(sentIn: bounds).filter(query.matches).map { $0.bsatnBytes() }
        }
    }

    /// The rows a query selects, encoded straight into one row list (messages in `sent` order).
    ///
    /// What a subscription or a one-off query sends: the same bytes as `BsatnRowList(encodedRows:
    /// rows(of:in:))`, without a separate array per row (a 100k-row snapshot was 100k small
    /// allocations and a second copy of every byte).
    public static func rowList(of query: SQLQuery, in tables: ChatTables) -> BsatnRowList {
        countedRowList(of: query, in: tables).rows
    }

    /// ``rowList(of:in:)`` and the number of rows in it.
    static func countedRowList(of query: SQLQuery, in tables: ChatTables) -> (rows: BsatnRowList, count: Int) {
        switch query.table {
        case .user:
            var builder = BsatnRowListBuilder()
            for user in tables.allUsers where query.matches(user) { builder.append(user) }
            return (rows: builder.build(), count: builder.count)
        case .message:
            guard let bounds = query.sentBounds else { return (rows: .empty, count: 0) }
            let indices = tables.messageIndices(sentIn: bounds)
            if query.predicate?.isExactlyBounds(ofTimestampColumn: "sent") ?? true {
                // Every row of the slice matches: its bytes, kept encoded, are the list.
                return (rows: tables.encodedMessages.rowList(indices), count: indices.count)
            }
            var builder = BsatnRowListBuilder(capacity: 4096)
            for index in indices where query.matches(tables.messages[index]) {
                builder.append(encodedRow: tables.encodedMessages.row(at: index))
            }
            return (rows: builder.build(), count: builder.count)
        }
    }

    /// The rows of a transaction a query sees deleted and inserted.
    public static func delta(of query: SQLQuery, in changes: TransactionChanges) -> (deletes: [[UInt8]], inserts: [[UInt8]]) {
        switch query.table {
        case .user:
            return (
                changes.deletedUsers.filter(query.matches).map { $0.bsatnBytes() },
                changes.insertedUsers.filter(query.matches).map { $0.bsatnBytes() }
            )
        case .message:
            return ([], changes.insertedMessages.filter(query.matches).map { $0.bsatnBytes() })
        }
    }

    // MARK: - v1

    /// A v1 `DatabaseUpdate` with one `QueryUpdate` per query that has rows, grouped by table.
    /// `initial` puts the current rows of each query in `inserts` (subscribe) or `deletes` (unsubscribe).
    static func v1Update(_ parts: [(query: SQLQuery, deletes: [[UInt8]], inserts: [[UInt8]])]) -> V1.DatabaseUpdate {
        var tables: [V1.TableUpdate] = []
        for table in ChatTable.allCases {
            var updates: [V1.CompressableQueryUpdate] = []
            var count = 0
            for part in parts where part.query.table == table && !(part.deletes.isEmpty && part.inserts.isEmpty) {
                updates.append(
                    .uncompressed(
                        V1.QueryUpdate(
                            deletes: BsatnRowList(encodedRows: part.deletes),
                            inserts: BsatnRowList(encodedRows: part.inserts))))
                count += part.deletes.count + part.inserts.count
            }
            if !updates.isEmpty {
                tables.append(
                    V1.TableUpdate(
                        tableId: table.tableId, tableName: table.rawValue, numRows: UInt64(count), updates: updates))
            }
        }
        return V1.DatabaseUpdate(tables: tables)
    }

    /// The v1 update a transaction produces for these queries (empty `tables` when nothing matched).
    public static func v1TransactionUpdate(queries: [SQLQuery], changes: TransactionChanges) -> V1.DatabaseUpdate {
        v1Update(queries.map { query in
            let delta = delta(of: query, in: changes)
            return (query, delta.deletes, delta.inserts)
        })
    }

    /// The v1 update carrying the current rows of `queries` as inserts (or deletes, for an unsubscribe).
    public static func v1Snapshot(queries: [SQLQuery], tables: ChatTables, asDeletes: Bool = false) -> V1.DatabaseUpdate {
        v1Update(rowLists: queries.map { query -> RowListPart in
            let counted = countedRowList(of: query, in: tables)
            if asDeletes {
                return (query: query, deletes: counted.rows, deleteCount: counted.count, inserts: BsatnRowList.empty, insertCount: 0)
            }
            return (query: query, deletes: BsatnRowList.empty, deleteCount: 0, inserts: counted.rows, insertCount: counted.count)
        })
    }

    /// One query's share of a v1 snapshot, its rows already in row lists, with their counts.
    typealias RowListPart = (query: SQLQuery, deletes: BsatnRowList, deleteCount: Int, inserts: BsatnRowList, insertCount: Int)

    /// ``v1Update(_:)`` for a snapshot whose rows are already in row lists (``countedRowList(of:in:)``).
    static func v1Update(rowLists parts: [RowListPart]) -> V1.DatabaseUpdate {
        var tables: [V1.TableUpdate] = []
        for table in ChatTable.allCases {
            var updates: [V1.CompressableQueryUpdate] = []
            var count = 0
            for part in parts where part.query.table == table && part.deleteCount + part.insertCount > 0 {
                updates.append(.uncompressed(V1.QueryUpdate(deletes: part.deletes, inserts: part.inserts)))
                count += part.deleteCount + part.insertCount
            }
            if !updates.isEmpty {
                tables.append(
                    V1.TableUpdate(
                        tableId: table.tableId, tableName: table.rawValue, numRows: UInt64(count), updates: updates))
            }
        }
        return V1.DatabaseUpdate(tables: tables)
    }

    /// The single-table update a `SubscribeApplied` / `UnsubscribeApplied` carries for one query;
    /// `includeRows: false` keeps the table but no rows (the query stays subscribed under another id).
    public static func v1SubscribeRows(
        query: SQLQuery, tables: ChatTables, asDeletes: Bool, includeRows: Bool = true
    ) -> V1.SubscribeRows {
        var rows = BsatnRowList.empty
        var count = 0
        if includeRows {
            let counted = countedRowList(of: query, in: tables)
            rows = counted.rows
            count = counted.count
        }
        let update = V1.QueryUpdate(deletes: asDeletes ? rows : .empty, inserts: asDeletes ? .empty : rows)
        return V1.SubscribeRows(
            tableId: query.table.tableId, tableName: query.table.rawValue,
            tableRows: V1.TableUpdate(
                tableId: query.table.tableId, tableName: query.table.rawValue, numRows: UInt64(count),
                updates: [.uncompressed(update)]))
    }

    // MARK: - v2

    /// `QueryRows` with one `SingleTableRows` per query, holding its current rows.
    public static func v2QueryRows(queries: [SQLQuery], tables: ChatTables) -> V2.QueryRows {
        V2.QueryRows(
            tables: queries.map { query in
                V2.SingleTableRows(table: query.table.rawValue, rows: rowList(of: query, in: tables))
            })
    }

    /// The per-query-set updates a transaction produces for these query sets; sets with nothing are left out.
    public static func v2QuerySetUpdates(
        sets: [(id: UInt32, queries: [SQLQuery])], changes: TransactionChanges
    ) -> [V2.QuerySetUpdate] {
        var result: [V2.QuerySetUpdate] = []
        for set in sets {
            var tables: [V2.TableUpdate] = []
            for table in ChatTable.allCases {
                var rows: [V2.TableUpdateRows] = []
                for query in set.queries where query.table == table {
                    let delta = delta(of: query, in: changes)
                    if delta.deletes.isEmpty && delta.inserts.isEmpty { continue }
                    rows.append(
                        .persistentTable(
                            V2.PersistentTableRows(
                                inserts: BsatnRowList(encodedRows: delta.inserts),
                                deletes: BsatnRowList(encodedRows: delta.deletes))))
                }
                if !rows.isEmpty { tables.append(V2.TableUpdate(tableName: table.rawValue, rows: rows)) }
            }
            if !tables.isEmpty { result.append(V2.QuerySetUpdate(querySetId: QuerySetId(id: set.id), tables: tables)) }
        }
        return result
    }
}
