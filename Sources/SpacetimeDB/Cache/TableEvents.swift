/// A type-erased set of row events for one table.
protocol TableEventsProtocol: Sendable {
    /// The table's name.
    var tableName: String { get }
    /// Whether nothing happened.
    var isEmpty: Bool { get }
    /// Runs the table's callbacks: all inserts, then all deletes, then all updates.
    func fire(context: EventContext, callbacks: CallbackRegistry)
}

/// The row events one message caused in one table, after refcounting and primary-key pairing.
struct TableEvents<Row: TableRow>: TableEventsProtocol {
    let tableName: String
    var inserts: [Row] = []
    var deletes: [Row] = []
    var updates: [(old: Row, new: Row)] = []

    var isEmpty: Bool { inserts.isEmpty && deletes.isEmpty && updates.isEmpty }

    func fire(context: EventContext, callbacks: CallbackRegistry) {
        guard !isEmpty, let handlers = callbacks.tableCallbacks(tableName, as: Row.self) else { return }
        if !handlers.onInsert.isEmpty {
            for row in inserts { for handler in handlers.onInsert { handler.callback(context, row) } }
        }
        if !handlers.onDelete.isEmpty {
            for row in deletes { for handler in handlers.onDelete { handler.callback(context, row) } }
        }
        if !handlers.onUpdate.isEmpty {
            for update in updates { for handler in handlers.onUpdate { handler.callback(context, update.old, update.new) } }
        }
    }
}
