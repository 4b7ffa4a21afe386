extension V2 {
    /// The first message of a v2 connection (v2 `ServerMessage::InitialConnection`); field order differs from v1 `IdentityToken`.
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `identity`, `connectionId`, `token`, in this order.
    public struct InitialConnection: Hashable, Sendable, BSATNCodable {
        /// The client's identity.
        public var identity: Identity
        /// This connection's id.
        public var connectionId: ConnectionId
        /// The token to reconnect as this identity.
        public var token: String

        /// Creates the value from its fields.
        @inlinable public init(identity: Identity, connectionId: ConnectionId, token: String) {
            self.identity = identity
            self.connectionId = connectionId
            self.token = token
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            identity.encode(to: &writer)
            connectionId.encode(to: &writer)
            token.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            identity = try Identity(bsatn: &reader)
            connectionId = try ConnectionId(bsatn: &reader)
            token = try String(bsatn: &reader)
        }
    }
}
