import Foundation

/// The WebSocket subprotocols the host speaks, in the server's preference order.
public enum WebSocketProtocol: String, CaseIterable, Sendable {
    /// v2 messages, several per frame (SpacetimeDB 2.2+).
    case v3 = "v3.bsatn.spacetimedb"
    /// v2 messages, one per frame (SpacetimeDB 2.0+).
    case v2 = "v2.bsatn.spacetimedb"
    /// v1 messages, BSATN.
    case v1 = "v1.bsatn.spacetimedb"

    /// Picks the first of the server's protocols that the client offered (the client's order does not
    /// matter, as in SpacetimeDB). `v1.json.spacetimedb` is never selected: the host does not speak it.
    public static func select(offered headerValues: [String]) -> WebSocketProtocol? {
        let offered = Set(
            headerValues.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
        return allCases.first { offered.contains($0.rawValue) }
    }

    /// Whether the connection speaks the v2 message set (v2 or v3).
    public var usesV2Messages: Bool { self != .v1 }
}
