import QuickstartChat

/// The rows one transaction deleted and inserted, per table, in the order they happened.
public struct TransactionChanges: Sendable, Equatable {
    /// `user` rows removed (an update removes the old row).
    public var deletedUsers: [User] = []
    /// `user` rows added (an update adds the new row).
    public var insertedUsers: [User] = []
    /// `message` rows added.
    public var insertedMessages: [Message] = []

    /// No changes.
    public init() {}

    /// Whether the transaction changed nothing.
    public var isEmpty: Bool { deletedUsers.isEmpty && insertedUsers.isEmpty && insertedMessages.isEmpty }

    /// The changes as commit-log entries: deletes before inserts, per table.
    var logChanges: [LogRecord.Change] {
        deletedUsers.map { LogRecord.Change(table: ChatTable.user.rawValue, isInsert: false, row: $0.bsatnBytes()) }
            + insertedUsers.map { LogRecord.Change(table: ChatTable.user.rawValue, isInsert: true, row: $0.bsatnBytes()) }
            + insertedMessages.map {
                LogRecord.Change(table: ChatTable.message.rawValue, isInsert: true, row: $0.bsatnBytes())
            }
    }
}

extension TransactionChanges {
    /// The same changes with every delete/insert pair of an identical row removed: rewriting a row to
    /// the value it already has is no change at all, as in SpacetimeDB's transaction deltas.
    public var normalized: TransactionChanges {
        var result = self
        for user in deletedUsers {
            if let index = result.insertedUsers.firstIndex(of: user), let deleteIndex = result.deletedUsers.firstIndex(of: user) {
                result.insertedUsers.remove(at: index)
                result.deletedUsers.remove(at: deleteIndex)
            }
        }
        return result
    }
}
