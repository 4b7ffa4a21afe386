/// One table's cache work, compiled for its row type where the bindings declare the table.
///
/// The cache holds tables of different row types behind existentials (``TableStoreProtocol``,
/// ``TableEventsProtocol``), and the witnesses of a generic type's conformance always run
/// unspecialized: every row would pay for generic metadata lookups and value-witness calls. So the
/// witnesses only forward here. ``TableDescriptor``'s initializer is `@inlinable` and builds these
/// closures; generated bindings call it with a concrete row type, so the compiler specializes the
/// closures (and the `@inlinable` loops they call) for that type in the bindings' module.
@usableFromInline struct TableOperations<Row: TableRow>: Sendable {
    /// ``TableStore/prepareRows(inserts:deletes:events:)``, boxed.
    @usableFromInline let prepare: @Sendable (TableStore<Row>, [BsatnRowList], [BsatnRowList], [BsatnRowList]) throws(BSATNDecodingError) -> any PreparedTableChange
    /// ``TableStore/commitRows(_:)`` of a change from ``prepare``, boxed here (in specialized code) as
    /// the existential the cache keeps; nil when there is no event, or for a change of another table type.
    @usableFromInline let commit: @Sendable (inout TableStore<Row>, any PreparedTableChange) -> (any TableEventsProtocol)?
    /// ``TableStore/prepareRows(inserts:deletes:events:)`` then ``TableStore/commitRows(_:)``, for a
    /// message that touches only this table; nil when there is no event.
    @usableFromInline let applyAlone: @Sendable (inout TableStore<Row>, [BsatnRowList], [BsatnRowList], [BsatnRowList]) throws(BSATNDecodingError) -> (any TableEventsProtocol)?
    /// ``TableStore/reconcileRows(with:)`` with a store of the same table; nil for another store type.
    @usableFromInline let reconcile: @Sendable (inout TableStore<Row>, any TableStoreProtocol) -> TableEvents<Row>?
    /// ``TableEvents/runCallbacks(context:callbacks:)``.
    @usableFromInline let fire: @Sendable (TableEvents<Row>, EventContext, CallbackRegistry) -> Void

    // The casts from the existentials happen in here too: in specialized code they compare against
    // cached metadata, where the generic witnesses would look the metadata up each time.
    @inlinable init() {
        prepare = { store, inserts, deletes, events throws(BSATNDecodingError) in
            try store.prepareRows(inserts: inserts, deletes: deletes, events: events)
        }
        commit = { store, change in
            guard let prepared = change as? TableStore<Row>.Prepared else { return nil }
            let events = store.commitRows(prepared)
            return events.isEmpty ? nil : events
        }
        applyAlone = { store, inserts, deletes, events throws(BSATNDecodingError) in
            // Every row decodes before the store changes: a bad row leaves it as it was.
            let prepared = try store.prepareRows(inserts: inserts, deletes: deletes, events: events)
            let tableEvents = store.commitRows(prepared)
            return tableEvents.isEmpty ? nil : tableEvents
        }
        reconcile = { store, fresh in
            guard let fresh = fresh as? TableStore<Row> else { return nil }
            return store.reconcileRows(with: fresh)
        }
        fire = { events, context, callbacks in events.runCallbacks(context: context, callbacks: callbacks) }
    }
}
