/// A type-erased table store, so the cache can hold tables of different row types by name.
@usableFromInline protocol TableStoreProtocol: Sendable {
    /// The table's name.
    var tableName: String { get }
    /// The number of distinct rows.
    var count: Int { get }
    /// Decodes one message's changes for this table without touching the rows: the step that can fail.
    func prepare(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList]) throws(BSATNDecodingError) -> any PreparedTableChange
    /// Applies changes from ``prepare(inserts:deletes:events:)``: inserts, then deletes, then updates by
    /// primary key; event rows become insert events without entering the cache. Cannot fail, so a
    /// message is applied to every table or to none. Nil when the message caused no event here
    /// (decided in specialized code: asking an existential ``TableEventsProtocol/isEmpty`` ran generic
    /// code and a metadata lookup per message).
    mutating func commit(_ prepared: any PreparedTableChange) -> (any TableEventsProtocol)?
    /// ``prepare(inserts:deletes:events:)`` then ``commit(_:)``, for a message that touches only this
    /// table (most transactions): the prepared change stays in specialized code instead of being
    /// boxed in an existential and destroyed through generic code. Throws, changing nothing, if a row
    /// does not decode.
    mutating func applyAlone(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList]) throws(BSATNDecodingError) -> (any TableEventsProtocol)?
    /// Replaces this table's rows with `fresh`'s, returning only the real differences.
    mutating func reconcile(with fresh: any TableStoreProtocol) -> any TableEventsProtocol
    /// An empty store for the same table.
    func emptyCopy() -> any TableStoreProtocol
}
