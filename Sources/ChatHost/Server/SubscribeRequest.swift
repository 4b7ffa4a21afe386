import Foundation
import SpacetimeDB

/// The decision on a `GET /v1/database/<db>/subscribe` request, made in SpacetimeDB's order:
/// authentication, connection id, database, query parameters, then the subprotocol.
struct SubscribeRequest: Sendable {
    var auth: RequestAuth
    var connectionId: ConnectionId
    var webSocketProtocol: WebSocketProtocol
    var compression: Compression
    var light: Bool
    /// `confirmed`: send this client its updates only once they are durable. This host's default is
    /// true for every protocol (SpacetimeDB 2.x defaults v1 connections to false): a client that
    /// wants its updates before the `fdatasync` asks for `confirmed=false`.
    var confirmedReads: Bool

    /// Validates the request; the failure is the exact HTTP answer to give instead of upgrading.
    static func evaluate(
        target: RequestTarget, authorization: String?, offeredProtocols: [String], databases: Set<String>,
        authority: TokenAuthority
    ) -> Result<SubscribeRequest, HTTPReply> {
        let auth: RequestAuth
        switch RequestAuth.resolve(authorization: authorization, query: target.query, authority: authority) {
        case .success(let resolved): auth = resolved
        case .failure(let error): return .failure(.text(error.httpStatus, error.description))
        }
        var compression = Compression.brotli
        if let value = target.query["compression"] {
            guard let parsed = Compression(queryValue: value) else {
                return .failure(
                    .text(
                        400,
                        "Failed to deserialize query string: compression: unknown variant `\(value)`, expected one of `None`, `Brotli`, `Gzip`"
                    ))
            }
            compression = parsed
        }
        var light = false
        if let value = target.query["light"] {
            guard let parsed = Bool(value) else {
                return .failure(.text(400, "Failed to deserialize query string: light: provided string was not `true` or `false`"))
            }
            light = parsed
        }
        var confirmedReads = true
        if let value = target.query["confirmed"] {
            guard let parsed = Bool(value) else {
                return .failure(
                    .text(400, "Failed to deserialize query string: confirmed: provided string was not `true` or `false`"))
            }
            confirmedReads = parsed
        }
        var connectionId = ConnectionId.random()
        if let value = target.query["connection_id"] {
            guard let parsed = ConnectionId(hex: value) else {
                return .failure(.text(400, "Failed to deserialize query string: connection_id: invalid connection id `\(value)`"))
            }
            connectionId = parsed
        }
        if connectionId.isZero {
            return .failure(.text(400, "Invalid connection ID: the all-zeros ConnectionId is reserved."))
        }
        guard target.segments.count == 4, databases.contains(target.segments[2]) else {
            return .failure(HTTPReply(status: 404, body: [], contentType: "text/plain; charset=utf-8"))
        }
        guard let selected = WebSocketProtocol.select(offered: offeredProtocols) else {
            return .failure(.text(400, "no valid protocol selected"))
        }
        return .success(
            SubscribeRequest(
                auth: auth, connectionId: connectionId, webSocketProtocol: selected, compression: compression, light: light,
                confirmedReads: confirmedReads))
    }
}
