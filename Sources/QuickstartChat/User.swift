import SpacetimeDB

/// A row of quickstart-chat's `user` table: `identity Identity` (primary key), `name Option<String>`, `online bool`.
public struct User: Hashable, Sendable, BSATNCodable {
    /// The user's identity; the table's primary key.
    public var identity: Identity
    /// The name the user set, or nil before `set_name`.
    public var name: String?
    /// Whether the user is connected right now.
    public var online: Bool

    /// Creates a row from its columns.
    public init(identity: Identity, name: String?, online: Bool) {
        self.identity = identity
        self.name = name
        self.online = online
    }

    /// Writes the columns in table order.
    public func encode(to writer: inout BSATNWriter) {
        identity.encode(to: &writer)
        writer.write(name)
        writer.write(online)
    }

    /// Reads the columns in table order.
    public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        identity = try Identity(bsatn: &reader)
        name = try reader.readOptional(of: String.self)
        online = try reader.readBool()
    }
}
