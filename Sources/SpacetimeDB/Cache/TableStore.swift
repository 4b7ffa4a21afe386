/// The cached rows of one table, identified by their BSATN bytes, with a reference count each.
///
/// A row that several subscriptions match arrives once per subscription; it is inserted (and an
/// insert reported) when its count goes from 0 to 1, and deleted when it drops back to 0. Rows are
/// held decoded only (``RefCountedRows``); unique indexes map column values to row positions.
///
/// The cache holds stores as ``TableStoreProtocol`` existentials, whose witnesses run unspecialized;
/// they only hand the work to the descriptor's ``TableOperations``, compiled for `Row` where the
/// bindings create the descriptor, so the per-row loops run specialized (no generic metadata lookups
/// per row). Hence `@usableFromInline` and `@inlinable` on the hot path (``TableStore+Apply.swift``).
@usableFromInline struct TableStore<Row: TableRow>: TableStoreProtocol {
    @usableFromInline let descriptor: TableDescriptor<Row>
    @usableFromInline var rows = RefCountedRows<Row>()
    @usableFromInline var indexes: [any UniqueIndexStorage<Row>]

    @usableFromInline init(descriptor: TableDescriptor<Row>) {
        self.descriptor = descriptor
        indexes = descriptor.uniqueIndexes.map { $0.makeStorage() }
    }

    @usableFromInline var tableName: String { descriptor.name }
    @usableFromInline var count: Int { rows.count }

    /// Every row, in no particular order.
    var allRows: [Row] { rows.entries.map(\.row) }

    /// The row whose unique column `index` equals `key`.
    func find(index: String, key: some Hashable & Sendable) -> Row? {
        guard let storage = indexes.first(where: { $0.name == index }), let position = storage.find(key) else { return nil }
        return rows.entries[position].row
    }

    /// One table's share of a message, decoded: the insert row lists, each insert's hash, the rows
    /// decoded (those not cached), each delete's bytes and hash, and event rows.
    @usableFromInline struct Prepared: PreparedTableChange {
        /// One insert: its row's hash, and whether its row was decoded (is next in ``newRows``). Its
        /// bytes are not copied here (a slice per row cost a retain and a release of the message's
        /// buffer); the commit reads them again from ``insertLists``, in the same order.
        @usableFromInline struct Insert: Sendable {
            @usableFromInline var hash: UInt32
            @usableFromInline var isNew: Bool

            @inlinable init(hash: UInt32, isNew: Bool) {
                self.hash = hash
                self.isNew = isNew
            }
        }
        /// The insert row lists, checked; ``inserts`` has one element per row, in list order.
        @usableFromInline var insertLists: [BsatnRowList.Rows] = []
        @usableFromInline var inserts: [Insert] = []
        /// The decoded rows of the inserts marked new, in order. When the commit appends every one of
        /// them and removes none, this array is the insert events as it is (no second array of rows).
        @usableFromInline var newRows: [Row] = []
        @usableFromInline var deletes: [(bytes: ArraySlice<UInt8>, hash: UInt32)] = []
        /// Event-table rows (v2): reported as inserts, never stored, as the Rust SDK's event tables.
        @usableFromInline var events: [Row] = []

        @inlinable init() {}
    }

    @usableFromInline func prepare(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList] = []) throws(BSATNDecodingError) -> any PreparedTableChange {
        try descriptor.operations.prepare(self, inserts, deletes, events)
    }

    /// Prepares and commits one table's changes: for a single table, where all-or-nothing across
    /// tables does not arise.
    mutating func apply(inserts: [BsatnRowList], deletes: [BsatnRowList]) throws(BSATNDecodingError) -> any TableEventsProtocol {
        try applyAlone(inserts: inserts, deletes: deletes, events: []) ?? TableEvents<Row>(tableName: tableName)
    }

    @usableFromInline mutating func applyAlone(
        inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList]
    ) throws(BSATNDecodingError) -> (any TableEventsProtocol)? {
        let applyAlone = descriptor.operations.applyAlone
        return try applyAlone(&self, inserts, deletes, events)
    }

    @usableFromInline mutating func commit(_ change: any PreparedTableChange) -> (any TableEventsProtocol)? {
        let commit = descriptor.operations.commit
        return commit(&self, change)
    }

    @usableFromInline mutating func reconcile(with fresh: any TableStoreProtocol) -> any TableEventsProtocol {
        let reconcile = descriptor.operations.reconcile
        return reconcile(&self, fresh) ?? TableEvents<Row>(tableName: tableName)
    }

    @usableFromInline func emptyCopy() -> any TableStoreProtocol { TableStore(descriptor: descriptor) }
}
