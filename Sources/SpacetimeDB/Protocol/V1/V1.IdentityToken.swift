extension V1 {
    /// The first message of a v1 connection: who the client is (v1 `ServerMessage::IdentityToken`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `identity`, `token`, `connectionId`, in this order.
    public struct IdentityToken: Hashable, Sendable, BSATNCodable {
        /// The client's identity.
        public var identity: Identity
        /// The token to reconnect as this identity.
        public var token: String
        /// This connection's id.
        public var connectionId: ConnectionId

        /// Creates the value from its fields.
        @inlinable public init(identity: Identity, token: String, connectionId: ConnectionId) {
            self.identity = identity
            self.token = token
            self.connectionId = connectionId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            identity.encode(to: &writer)
            token.encode(to: &writer)
            connectionId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            identity = try Identity(bsatn: &reader)
            token = try String(bsatn: &reader)
            connectionId = try ConnectionId(bsatn: &reader)
        }
    }
}
