import QuickstartChat
import SpacetimeDB

/// Walks decoded messages and checks every row list: its size hint fits its data, every row decodes
/// as its table's row type with no byte left, and the rows re-encode to exactly `rows_data`. Nested
/// compressed v1 query updates are inflated and checked the same way.
enum RowAudit {
    /// Row types of the tables the vectors use (`chat_event` is the README's event table with `message` rows).
    static func rowBytes(table: String, list: BsatnRowList) throws -> [UInt8] {
        switch table {
        case "user": return list.decodeRowsReencoded(as: User.self)
        case "message", "chat_event": return list.decodeRowsReencoded(as: Message.self)
        default: throw VectorDecoderError(description: "no row type for table \(table)")
        }
    }

    static func audit(_ list: BsatnRowList, table: String) -> [String] {
        do {
            let rows = try list.rows()
            var joined: [UInt8] = []
            for row in rows { joined += row }
            if joined != Array(list.rowsData) { return ["\(table): rows do not cover rows_data"] }
            if try rowBytes(table: table, list: list) != Array(list.rowsData) {
                return ["\(table): decoded rows re-encode differently"]
            }
            return []
        } catch {
            return ["\(table): \(error)"]
        }
    }

    static func audit(_ update: V1.CompressableQueryUpdate, table: String) -> [String] {
        var problems: [String] = []
        do {
            let query = try update.queryUpdate()
            switch update {
            case .uncompressed: break
            case .brotli(let payload):
                if query.bsatnBytes() != (try BrotliCodec.decompress(payload)) { problems.append("\(table): brotli QueryUpdate re-encodes differently") }
            case .gzip(let payload):
                if query.bsatnBytes() != (try GzipCodec.decompress(payload)) { problems.append("\(table): gzip QueryUpdate re-encodes differently") }
            }
            problems += audit(query.deletes, table: table) + audit(query.inserts, table: table)
        } catch {
            problems.append("\(table): \(error)")
        }
        return problems
    }

    static func audit(_ update: V1.DatabaseUpdate) -> [String] {
        update.tables.flatMap { audit($0) }
    }

    static func audit(_ table: V1.TableUpdate) -> [String] {
        var problems = table.updates.flatMap { audit($0, table: table.tableName) }
        var total: UInt64 = 0
        for update in table.updates {
            if let query = try? update.queryUpdate() {
                total += UInt64((try? query.deletes.rows().count) ?? 0) + UInt64((try? query.inserts.rows().count) ?? 0)
            }
        }
        if total != table.numRows { problems.append("\(table.tableName): num_rows \(table.numRows) but \(total) rows") }
        return problems
    }

    static func audit(_ message: V1.ServerMessage) -> [String] {
        switch message {
        case .initialSubscription(let m): return audit(m.databaseUpdate)
        case .transactionUpdate(let m):
            if case .committed(let update) = m.status { return audit(update) }
            return []
        case .transactionUpdateLight(let m): return audit(m.update)
        case .oneOffQueryResponse(let m): return m.tables.flatMap { audit($0.rows, table: $0.tableName) }
        case .subscribeApplied(let m): return audit(m.rows.tableRows)
        case .unsubscribeApplied(let m): return audit(m.rows.tableRows)
        case .subscribeMultiApplied(let m): return audit(m.update)
        case .unsubscribeMultiApplied(let m): return audit(m.update)
        case .identityToken, .subscriptionError, .procedureResult: return []
        }
    }

    static func audit(_ rows: V2.TableUpdateRows, table: String) -> [String] {
        switch rows {
        case .persistentTable(let p): return audit(p.inserts, table: table) + audit(p.deletes, table: table)
        case .eventTable(let e): return audit(e.events, table: table)
        }
    }

    static func audit(_ rows: V2.QueryRows) -> [String] {
        rows.tables.flatMap { audit($0.rows, table: $0.table) }
    }

    static func audit(_ update: V2.TransactionUpdate) -> [String] {
        update.querySets.flatMap { set in set.tables.flatMap { table in table.rows.flatMap { audit($0, table: table.tableName) } } }
    }

    static func audit(_ message: V2.ServerMessage) -> [String] {
        switch message {
        case .subscribeApplied(let m): return audit(m.rows)
        case .unsubscribeApplied(let m): return m.rows.map { audit($0) } ?? []
        case .transactionUpdate(let m): return audit(m)
        case .oneOffQueryResult(let m):
            if case .ok(let rows) = m.result { return audit(rows) }
            return []
        case .reducerResult(let m):
            if case .ok(let ok) = m.result { return audit(ok.transactionUpdate) }
            return []
        case .initialConnection, .subscriptionError, .procedureResult: return []
        }
    }
}

extension BsatnRowList {
    /// Decodes every row as `T` and encodes them all again back to back (empty if any row fails).
    func decodeRowsReencoded<T: BSATNCodable>(as type: T.Type) -> [UInt8] {
        guard let rows = try? decodeRows(as: type) else { return [] }
        var writer = BSATNWriter()
        for row in rows { row.encode(to: &writer) }
        return writer.bytes
    }
}
