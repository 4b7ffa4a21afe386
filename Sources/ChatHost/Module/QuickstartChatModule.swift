import QuickstartChat
import SpacetimeDB

/// The quickstart-chat module's reducers, as pure functions from the committed tables to a transaction.
///
/// Mirrors `templates/chat-console-rs/spacetimedb/src/lib.rs`: the same validation, the same error
/// strings, the same row changes. A reducer never mutates the tables itself: it returns the changes,
/// which the host commits (log first) or discards, so a failed reducer leaves nothing behind.
public enum QuickstartChatModule {
    /// A reducer's lifecycle role, spelled as SpacetimeDB's `Lifecycle` enum.
    public enum Lifecycle: String, Sendable {
        /// Runs once when the database is published.
        case initialize = "Init"
        /// Runs when a client connects (`client_connected`).
        case onConnect = "OnConnect"
        /// Runs when a client disconnects (`client_disconnected`).
        case onDisconnect = "OnDisconnect"
    }

    /// The reducers in schema order (sorted by name, as SpacetimeDB lists them); a reducer's id is its index.
    public static let reducers: [(name: String, lifecycle: Lifecycle?)] = [
        ("identity_connected", .onConnect),
        ("identity_disconnected", .onDisconnect),
        ("init", .initialize),
        ("send_message", nil),
        ("set_name", nil),
    ]

    /// The name of the connect lifecycle reducer.
    public static let connectReducer = "identity_connected"
    /// The name of the disconnect lifecycle reducer.
    public static let disconnectReducer = "identity_disconnected"

    /// The reducer id SpacetimeDB reports for `name`, or `u32::MAX` for an unknown reducer.
    public static func reducerId(of name: String) -> UInt32 {
        guard let index = reducers.firstIndex(where: { $0.name == name }) else { return UInt32.max }
        return UInt32(index)
    }

    /// Runs a reducer called by a client: rejects unknown and lifecycle reducers and bad arguments first.
    public static func callFromClient(
        reducer: String, args: [UInt8], sender: Identity, timestamp: Timestamp, tables: ChatTables
    ) -> Result<TransactionChanges, ReducerCallError> {
        guard let entry = reducers.first(where: { $0.name == reducer }) else {
            return .failure(.noSuchReducer(reducer))
        }
        if let lifecycle = entry.lifecycle {
            return .failure(.lifecycleReducer(reducer: reducer, lifecycle: lifecycle.rawValue))
        }
        switch reducer {
        case "set_name":
            let arguments: SetNameArgs
            do {
                arguments = try SetNameArgs(bsatnBytes: args)
            } catch {
                return .failure(.invalidArguments(reducer: reducer, reason: error.description))
            }
            return setName(arguments.name, sender: sender, tables: tables)
        case "send_message":
            let arguments: SendMessageArgs
            do {
                arguments = try SendMessageArgs(bsatnBytes: args)
            } catch {
                return .failure(.invalidArguments(reducer: reducer, reason: error.description))
            }
            return sendMessage(arguments.text, sender: sender, timestamp: timestamp)
        default:
            return .failure(.noSuchReducer(reducer))
        }
    }

    /// `set_name(name)`: rejects an empty name, then renames the caller's existing user row.
    public static func setName(_ name: String, sender: Identity, tables: ChatTables) -> Result<
        TransactionChanges, ReducerCallError
    > {
        if name.isEmpty { return .failure(.reducerFailed("Names must not be empty")) }
        guard let user = tables.users[sender] else {
            return .failure(.reducerFailed("Cannot set name for unknown user"))
        }
        var changes = TransactionChanges()
        changes.deletedUsers = [user]
        changes.insertedUsers = [User(identity: user.identity, name: name, online: user.online)]
        return .success(changes)
    }

    /// `send_message(text)`: rejects empty text, then inserts a message stamped with the reducer's time.
    public static func sendMessage(_ text: String, sender: Identity, timestamp: Timestamp) -> Result<
        TransactionChanges, ReducerCallError
    > {
        if text.isEmpty { return .failure(.reducerFailed("Messages must not be empty")) }
        var changes = TransactionChanges()
        changes.insertedMessages = [Message(sender: sender, sent: timestamp, text: text)]
        return .success(changes)
    }

    /// `identity_connected`: marks a known user online, or inserts a new unnamed online user.
    public static func identityConnected(sender: Identity, tables: ChatTables) -> TransactionChanges {
        var changes = TransactionChanges()
        if let user = tables.users[sender] {
            changes.deletedUsers = [user]
            changes.insertedUsers = [User(identity: user.identity, name: user.name, online: true)]
        } else {
            changes.insertedUsers = [User(identity: sender, name: nil, online: true)]
        }
        return changes
    }

    /// `identity_disconnected`: marks a known user offline; an unknown user changes nothing.
    public static func identityDisconnected(sender: Identity, tables: ChatTables) -> TransactionChanges {
        var changes = TransactionChanges()
        if let user = tables.users[sender] {
            changes.deletedUsers = [user]
            changes.insertedUsers = [User(identity: user.identity, name: user.name, online: false)]
        }
        return changes
    }
}
