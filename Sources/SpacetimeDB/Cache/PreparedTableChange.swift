/// One table's share of a message after decoding and before it touches the cache
/// (see ``TableStoreProtocol/prepare(inserts:deletes:events:)``).
@usableFromInline protocol PreparedTableChange: Sendable {}
