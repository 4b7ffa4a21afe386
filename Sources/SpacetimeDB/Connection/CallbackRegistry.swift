import Synchronization

/// A registered callback and its id.
@usableFromInline struct RegisteredCallback<Callback: Sendable>: Sendable {
    @usableFromInline let id: CallbackId
    @usableFromInline let callback: Callback

    @inlinable init(id: CallbackId, callback: Callback) {
        self.id = id
        self.callback = callback
    }
}

/// The row callbacks of one table.
@usableFromInline struct TableCallbacks<Row: TableRow>: Sendable {
    @usableFromInline var onInsert: [RegisteredCallback<@Sendable (EventContext, Row) -> Void>] = []
    @usableFromInline var onDelete: [RegisteredCallback<@Sendable (EventContext, Row) -> Void>] = []
    @usableFromInline var onUpdate: [RegisteredCallback<@Sendable (EventContext, Row, Row) -> Void>] = []

    /// Removes the callback `id`; whether it was here.
    mutating func remove(_ id: CallbackId) -> Bool {
        let before = onInsert.count + onDelete.count + onUpdate.count
        onInsert.removeAll { $0.id == id }
        onDelete.removeAll { $0.id == id }
        onUpdate.removeAll { $0.id == id }
        return before != onInsert.count + onDelete.count + onUpdate.count
    }
}

/// One table's callbacks, never changed once made (a change makes a new box), so the drain thread
/// takes a snapshot by holding a reference. A class, so finding it is a class cast, not the general
/// dynamic cast of a struct out of an `any Sendable` (which was a tenth of a small transaction).
@usableFromInline final class TableCallbacksBox<Row: TableRow>: Sendable {
    @usableFromInline let callbacks: TableCallbacks<Row>

    init(_ callbacks: TableCallbacks<Row>) {
        self.callbacks = callbacks
    }
}

/// Every table and reducer callback of a connection, behind a lock so any thread may register or
/// remove callbacks while the drain thread runs them (it runs a snapshot, never under the lock).
@usableFromInline final class CallbackRegistry: Sendable {
    @usableFromInline struct State {
        var nextId: UInt64 = 1
        /// A ``TableCallbacksBox`` per table name, of the row type its handles registered with.
        @usableFromInline var tables: [String: any AnyObject & Sendable] = [:]
        var reducers: [String: [RegisteredCallback<@Sendable (EventContext, ReducerEvent) -> Void>]] = [:]
    }
    @usableFromInline let state = Mutex(State())

    private func newId(_ state: inout State) -> CallbackId {
        defer { state.nextId += 1 }
        return CallbackId(rawValue: state.nextId)
    }

    private func updateTable<Row: TableRow>(
        _ table: String, as _: Row.Type, _ body: (inout TableCallbacks<Row>, CallbackId) -> Void
    ) -> CallbackId {
        state.withLock { state in
            let id = newId(&state)
            var callbacks = (state.tables[table] as? TableCallbacksBox<Row>)?.callbacks ?? TableCallbacks<Row>()
            body(&callbacks, id)
            state.tables[table] = TableCallbacksBox(callbacks)
            return id
        }
    }

    func addInsert<Row: TableRow>(_ table: String, _ callback: @escaping @Sendable (EventContext, Row) -> Void) -> CallbackId {
        updateTable(table, as: Row.self) { $0.onInsert.append(RegisteredCallback(id: $1, callback: callback)) }
    }

    func addDelete<Row: TableRow>(_ table: String, _ callback: @escaping @Sendable (EventContext, Row) -> Void) -> CallbackId {
        updateTable(table, as: Row.self) { $0.onDelete.append(RegisteredCallback(id: $1, callback: callback)) }
    }

    func addUpdate<Row: TableRow>(_ table: String, _ callback: @escaping @Sendable (EventContext, Row, Row) -> Void) -> CallbackId {
        updateTable(table, as: Row.self) { $0.onUpdate.append(RegisteredCallback(id: $1, callback: callback)) }
    }

    func addReducer(_ name: String, _ callback: @escaping @Sendable (EventContext, ReducerEvent) -> Void) -> CallbackId {
        state.withLock { state in
            let id = newId(&state)
            state.reducers[name, default: []].append(RegisteredCallback(id: id, callback: callback))
            return id
        }
    }

    /// Removes table callback `id` of table `table` with rows of type `Row`.
    func removeTableCallback<Row: TableRow>(_ id: CallbackId, table: String, as _: Row.Type) {
        state.withLock { state in
            guard var callbacks = (state.tables[table] as? TableCallbacksBox<Row>)?.callbacks else { return }
            _ = callbacks.remove(id)
            state.tables[table] = TableCallbacksBox(callbacks)
        }
    }

    /// Removes reducer callback `id`.
    func removeReducerCallback(_ id: CallbackId) {
        state.withLock { state in
            for name in state.reducers.keys { state.reducers[name]?.removeAll { $0.id == id } }
        }
    }

    /// A snapshot of table `table`'s callbacks. (Inlined into the specialized ``TableOperations``,
    /// so the cast does not look up `TableCallbacks<Row>`'s metadata for every message.)
    @inlinable func tableCallbacks<Row: TableRow>(_ table: String, as _: Row.Type) -> TableCallbacksBox<Row>? {
        state.withLock { $0.tables[table] as? TableCallbacksBox<Row> }
    }

    /// A snapshot of reducer `name`'s callbacks.
    func reducerCallbacks(_ name: String) -> [RegisteredCallback<@Sendable (EventContext, ReducerEvent) -> Void>] {
        // Most apps register few reducer callbacks or none: no hashing of the name then.
        state.withLock { $0.reducers.isEmpty ? [] : $0.reducers[name] ?? [] }
    }
}
