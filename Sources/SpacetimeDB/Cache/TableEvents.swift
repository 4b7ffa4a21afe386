/// A type-erased set of row events for one table.
@usableFromInline protocol TableEventsProtocol: Sendable {
    /// The table's name.
    var tableName: String { get }
    /// Whether nothing happened.
    var isEmpty: Bool { get }
    /// Runs the table's callbacks: all inserts, then all deletes, then all updates.
    func fire(context: EventContext, callbacks: CallbackRegistry)
}

/// The row events one message caused in one table, after refcounting and primary-key pairing.
@usableFromInline struct TableEvents<Row: TableRow>: TableEventsProtocol {
    @usableFromInline let tableName: String
    @usableFromInline var inserts: [Row]
    @usableFromInline var deletes: [Row]
    @usableFromInline var updates: [(old: Row, new: Row)]
    /// Runs ``runCallbacks(context:callbacks:)``: the table's ``TableOperations/fire``, compiled for
    /// `Row`, so the loop over rows runs specialized behind the ``TableEventsProtocol`` existential.
    @usableFromInline let dispatch: @Sendable (TableEvents<Row>, EventContext, CallbackRegistry) -> Void

    @inlinable init(
        tableName: String, inserts: [Row] = [], deletes: [Row] = [], updates: [(old: Row, new: Row)] = [],
        dispatch: @escaping @Sendable (TableEvents<Row>, EventContext, CallbackRegistry) -> Void = { $0.runCallbacks(context: $1, callbacks: $2) }
    ) {
        self.tableName = tableName
        self.inserts = inserts
        self.deletes = deletes
        self.updates = updates
        self.dispatch = dispatch
    }

    @usableFromInline var isEmpty: Bool { inserts.isEmpty && deletes.isEmpty && updates.isEmpty }

    @usableFromInline func fire(context: EventContext, callbacks: CallbackRegistry) {
        dispatch(self, context, callbacks)
    }

    /// ``fire(context:callbacks:)``'s work. (The empty check is here, specialized: in the
    /// existential's witness it was generic code with a metadata lookup per message.)
    @inlinable func runCallbacks(context: EventContext, callbacks: CallbackRegistry) {
        guard !isEmpty, let box = callbacks.tableCallbacks(tableName, as: Row.self) else { return }
        let handlers = box.callbacks
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
