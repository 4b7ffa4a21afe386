import QuickstartChat
import SpacetimeDB

/// The in-memory contents of the quickstart-chat tables: the committed state the host serves.
public struct ChatTables: Sendable, Equatable {
    /// `user` rows by primary key.
    public private(set) var users: [Identity: User] = [:]
    /// Primary keys in first-insert order, so scans are stable.
    private var userOrder: [Identity] = []
    private var orderedIdentities: Set<Identity> = []
    /// `message` rows ordered by `sent` (equal times in insertion order), so a time range is a binary
    /// search away (``messages(sentIn:)``).
    public private(set) var messages: [Message] = []
    /// The BSATN of `messages`, in the same order: what a subscription to a run of them sends.
    private(set) var encodedMessages = EncodedRows()

    /// Empty tables.
    public init() {}

    /// Every `user` row, in first-insert order.
    public var allUsers: [User] { userOrder.compactMap { users[$0] } }

    /// Applies a committed transaction's changes.
    public mutating func apply(_ changes: TransactionChanges) {
        for user in changes.deletedUsers where users[user.identity] == user {
            users[user.identity] = nil
        }
        for user in changes.insertedUsers {
            if orderedIdentities.insert(user.identity).inserted { userOrder.append(user.identity) }
            users[user.identity] = user
        }
        for message in changes.insertedMessages { insertInSentOrder(message) }
    }

    /// Appends when the row is the newest (the usual case: a message is sent now), else inserts it
    /// after every row sent at or before it.
    /// `encoded` is the row's BSATN when the caller has it (replay reads it from the log).
    private mutating func insertInSentOrder(_ message: Message, encoded: [UInt8]? = nil) {
        guard let last = messages.last, message.sent < last.sent else {
            messages.append(message)
            if let encoded { encodedMessages.append(encoded: encoded) } else { encodedMessages.append(message) }
            return
        }
        let index = firstMessageIndex(sentAfter: message.sent.microsecondsSinceUnixEpoch)
        messages.insert(message, at: index)
        encodedMessages.insert(message, at: index)
    }

    /// Applies one commit-log entry on replay; undecodable rows are reported, never trapped on.
    mutating func replay(_ change: LogRecord.Change) throws(BSATNDecodingError) {
        var changes = TransactionChanges()
        switch (ChatTable(name: change.table), change.isInsert) {
        case (.user, false): changes.deletedUsers = [try User(bsatnBytes: change.row)]
        case (.user, true): changes.insertedUsers = [try User(bsatnBytes: change.row)]
        case (.message, true):
            // The log's bytes are the row's canonical BSATN (decoding checked them): kept as they are.
            insertInSentOrder(try Message(bsatnBytes: change.row), encoded: change.row)
            return
        case (.message, false):
            let message = try Message(bsatnBytes: change.row)
            if let index = messages.firstIndex(of: message) {
                messages.remove(at: index)
                encodedMessages.remove(at: index)
            }
            return
        case (nil, _):
            throw .invalidValue(type: "LogRecord", offset: 0, reason: "unknown table \(change.table)")
        }
        apply(changes)
    }

    /// The whole state as insert entries, for compacting the log into one snapshot record.
    var snapshotChanges: [LogRecord.Change] {
        var changes = TransactionChanges()
        changes.insertedUsers = allUsers
        changes.insertedMessages = messages
        return changes.logChanges
    }

    /// Marks every user offline (after a restart no client is connected); returns the changed rows.
    mutating func markAllOffline() -> TransactionChanges {
        var changes = TransactionChanges()
        for user in allUsers where user.online {
            changes.deletedUsers.append(user)
            changes.insertedUsers.append(User(identity: user.identity, name: user.name, online: false))
        }
        apply(changes)
        return changes
    }
}
