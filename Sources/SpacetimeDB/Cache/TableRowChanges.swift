/// The raw row changes one message carries for one table, not yet decoded.
struct TableRowChanges: Sendable {
    /// The table's name.
    var tableName: String
    /// Row lists to insert.
    var inserts: [BsatnRowList]
    /// Row lists to delete.
    var deletes: [BsatnRowList]
    /// Rows of an event table (v2): each fires an insert callback and none is kept in the cache.
    var events: [BsatnRowList] = []

    /// Merges changes for the same table (a table may repeat across queries) in first-seen order.
    static func merged(_ changes: [TableRowChanges]) -> [TableRowChanges] {
        // Most messages touch one table: nothing to merge, and no dictionary to build per message.
        guard changes.count > 1 else { return changes }
        var order: [String] = []
        var byName: [String: TableRowChanges] = [:]
        for change in changes {
            if var existing = byName[change.tableName] {
                existing.inserts += change.inserts
                existing.deletes += change.deletes
                existing.events += change.events
                byName[change.tableName] = existing
            } else {
                order.append(change.tableName)
                byName[change.tableName] = change
            }
        }
        return order.compactMap { byName[$0] }
    }
}
