import Logging

/// The client's replica of the subscribed rows: one ``TableStore`` per table of the module.
struct ClientCache: Sendable {
    private(set) var tables: [String: any TableStoreProtocol]

    init(module: ModuleDescriptor) {
        var tables: [String: any TableStoreProtocol] = [:]
        for table in module.tables { tables[table.name] = table.makeStore() }
        self.tables = tables
    }

    private init(tables: [String: any TableStoreProtocol]) {
        self.tables = tables
    }

    /// Applies one message's changes to every table it touches and returns the events, in table order.
    ///
    /// All rows are decoded before any table changes: a row that fails to decode leaves the whole
    /// cache as it was (the connection then ends with a protocol error), never half a transaction.
    /// Rows of tables the module does not describe are skipped (logged once per message).
    mutating func apply(_ changes: [TableRowChanges], logger: Logger) throws(BSATNDecodingError) -> [any TableEventsProtocol] {
        var prepared: [(table: String, change: any PreparedTableChange)] = []
        for change in TableRowChanges.merged(changes) {
            guard let store = tables[change.tableName] else {
                logger.warning("rows for table \(change.tableName), which the bindings do not know; ignored")
                continue
            }
            prepared.append((change.tableName, try store.prepare(inserts: change.inserts, deletes: change.deletes, events: change.events)))
        }
        var events: [any TableEventsProtocol] = []
        for (table, change) in prepared {
            guard var store = tables[table] else { continue }
            // Take the store out so the dictionary holds no second reference while it is mutated.
            tables[table] = nil
            let tableEvents = store.commit(change)
            tables[table] = store
            if !tableEvents.isEmpty { events.append(tableEvents) }
        }
        return events
    }

    /// A cache with the same tables and no rows.
    func emptyCopy() -> ClientCache {
        ClientCache(tables: tables.mapValues { $0.emptyCopy() })
    }

    /// Takes over `fresh`'s rows and returns the real differences from the rows held before.
    mutating func reconcile(with fresh: ClientCache) -> [any TableEventsProtocol] {
        var events: [any TableEventsProtocol] = []
        for name in tables.keys.sorted() {
            guard var store = tables[name], let freshStore = fresh.tables[name] else { continue }
            tables[name] = nil
            let tableEvents = store.reconcile(with: freshStore)
            tables[name] = store
            if !tableEvents.isEmpty { events.append(tableEvents) }
        }
        return events
    }

    /// The typed store of table `name`.
    func store<Row: TableRow>(_ name: String, as _: Row.Type) -> TableStore<Row>? {
        tables[name] as? TableStore<Row>
    }
}
