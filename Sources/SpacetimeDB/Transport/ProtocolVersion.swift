/// A WebSocket subprotocol the SDK speaks; the server picks one of those the client offers.
public enum ProtocolVersion: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `v1.bsatn.spacetimedb`: the only protocol SpacetimeDB 1.x servers know.
    case v1 = "v1.bsatn.spacetimedb"
    /// `v2.bsatn.spacetimedb`: SpacetimeDB 2.0+.
    case v2 = "v2.bsatn.spacetimedb"
    /// `v3.bsatn.spacetimedb`: the v2 messages, several per frame (SpacetimeDB 2.2+).
    case v3 = "v3.bsatn.spacetimedb"

    /// The `Sec-WebSocket-Protocol` token.
    public var subprotocol: String { rawValue }

    /// Every version, newest first: what the SDK offers by default.
    public static let allNewestFirst: [ProtocolVersion] = [.v3, .v2, .v1]

    public var description: String { rawValue }
}
