import Logging

/// The client's replica of the subscribed rows: one ``TableStore`` per table of the module.
struct ClientCache: Sendable {
    /// The stores, in the module's table order.
    private(set) var stores: [any TableStoreProtocol]
    /// Each table's position in ``stores``, by name.
    private let positions: [String: Int]

    init(module: ModuleDescriptor) {
        var stores: [any TableStoreProtocol] = []
        var positions: [String: Int] = [:]
        for table in module.tables where positions[table.name] == nil {
            positions[table.name] = stores.count
            stores.append(table.makeStore())
        }
        self.stores = stores
        self.positions = positions
    }

    private init(stores: [any TableStoreProtocol], positions: [String: Int]) {
        self.stores = stores
        self.positions = positions
    }

    /// The store of table `name`.
    func table(_ name: String) -> (any TableStoreProtocol)? {
        positions[name].map { stores[$0] }
    }

    /// Every store by table name (builds a dictionary: not for the receive path).
    var tables: [String: any TableStoreProtocol] {
        positions.mapValues { stores[$0] }
    }

    /// Applies one message's changes to every table it touches and returns the events, in table order.
    ///
    /// All rows are decoded before any table changes: a row that fails to decode leaves the whole
    /// cache as it was (the connection then ends with a protocol error), never half a transaction.
    /// Rows of tables the module does not describe are skipped (logged once per message).
    mutating func apply(_ changes: [TableRowChanges], logger: Logger) throws(BSATNDecodingError) -> [any TableEventsProtocol] {
        // One table (most transactions): nothing to merge, and no list of prepared changes to build.
        if changes.count == 1, let change = changes.first {
            guard let position = positions[change.tableName] else {
                logger.warning("rows for table \(change.tableName), which the bindings do not know; ignored")
                return []
            }
            let tableEvents = try stores[position].applyAlone(inserts: change.inserts, deletes: change.deletes, events: change.events)
            return tableEvents.map { [$0] } ?? []
        }
        var prepared: [(position: Int, change: any PreparedTableChange)] = []
        prepared.reserveCapacity(changes.count)
        for change in TableRowChanges.merged(changes) {
            guard let position = positions[change.tableName] else {
                logger.warning("rows for table \(change.tableName), which the bindings do not know; ignored")
                continue
            }
            prepared.append(
                (position, try stores[position].prepare(inserts: change.inserts, deletes: change.deletes, events: change.events)))
        }
        var events: [any TableEventsProtocol] = []
        events.reserveCapacity(prepared.count)
        for (position, change) in prepared {
            // Mutated in place: the array's element is the only reference to the store's box.
            if let tableEvents = stores[position].commit(change) { events.append(tableEvents) }
        }
        return events
    }

    /// A cache with the same tables and no rows.
    func emptyCopy() -> ClientCache {
        ClientCache(stores: stores.map { $0.emptyCopy() }, positions: positions)
    }

    /// Takes over `fresh`'s rows and returns the real differences from the rows held before.
    mutating func reconcile(with fresh: ClientCache) -> [any TableEventsProtocol] {
        var events: [any TableEventsProtocol] = []
        for name in positions.keys.sorted() {
            guard let position = positions[name], let freshStore = fresh.table(name) else { continue }
            let tableEvents = stores[position].reconcile(with: freshStore)
            if !tableEvents.isEmpty { events.append(tableEvents) }
        }
        return events
    }

    /// The typed store of table `name`.
    func store<Row: TableRow>(_ name: String, as _: Row.Type) -> TableStore<Row>? {
        table(name) as? TableStore<Row>
    }
}
