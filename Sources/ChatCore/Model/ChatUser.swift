import SpacetimeDB

/// A row of the module's `user` table, as the chat model keeps it.
public struct ChatUser: Hashable, Sendable {
    /// The user's identity, the table's primary key.
    public var identity: Identity
    /// The name the user chose with `/name`, or nil while unnamed.
    public var name: String?
    /// Whether the user has a live connection.
    public var online: Bool

    /// Creates a user row.
    public init(identity: Identity, name: String?, online: Bool) {
        self.identity = identity
        self.name = name
        self.online = online
    }

    /// The name, or the first 16 hex digits of the identity when unnamed, as the official client shows users.
    public var displayName: String { ChatUser.displayName(name: name, identity: identity) }

    /// The official client's `user_name_or_identity`: the name, else the abbreviated identity.
    public static func displayName(name: String?, identity: Identity) -> String {
        name ?? identity.abbreviatedHex
    }
}
