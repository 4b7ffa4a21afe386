import Foundation
import SpacetimeDB

/// A parsed request URI: path segments and query parameters.
struct RequestTarget: Sendable {
    var segments: [String]
    var query: [String: String]

    init(uri: String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        segments = parts[0].split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(keyValue[0]).removingPercentEncoding ?? String(keyValue[0])
                let rawValue = keyValue.count > 1 ? String(keyValue[1]) : ""
                let value = rawValue.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawValue
                if query[key] == nil { query[key] = value }
            }
        }
        self.query = query
    }
}

/// An HTTP answer other than a WebSocket upgrade.
struct HTTPReply: Error, Sendable, Equatable {
    var status: Int
    var body: [UInt8]
    var contentType: String
    var headers: [(String, String)] = []

    static func == (lhs: HTTPReply, rhs: HTTPReply) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.contentType == rhs.contentType
            && lhs.headers.map { $0.0 + ":" + $0.1 } == rhs.headers.map { $0.0 + ":" + $0.1 }
    }

    static func text(_ status: Int, _ text: String) -> HTTPReply {
        HTTPReply(status: status, body: Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }

    static func json(_ status: Int, _ json: String, headers: [(String, String)] = []) -> HTTPReply {
        HTTPReply(status: status, body: Array(json.utf8), contentType: "application/json", headers: headers)
    }
}

/// Who a request authenticates as: from a valid token, or freshly minted for an anonymous caller.
struct RequestAuth: Sendable {
    var claims: TokenClaims
    var token: String
    var minted: Bool

    /// The `spacetime-identity` / `spacetime-identity-token` headers SpacetimeDB adds.
    var identityHeaders: [(String, String)] {
        [("spacetime-identity", claims.identity.hexString), ("spacetime-identity-token", token)]
    }

    /// Reads `Authorization: Bearer` (which wins) or `?token=`; nil when neither is present.
    static func credentials(authorization: String?, query: [String: String]) throws(TokenValidationError) -> String? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { throw .malformed }
            return String(parts[1]).trimmingCharacters(in: .whitespaces)
        }
        return query["token"]
    }

    /// Validates presented credentials, or mints an identity when there are none (`anon_auth_middleware`).
    static func resolve(
        authorization: String?, query: [String: String], authority: TokenAuthority
    ) -> Result<RequestAuth, TokenValidationError> {
        do {
            guard let token = try credentials(authorization: authorization, query: query) else {
                let minted = authority.mintAnonymous()
                return .success(RequestAuth(claims: minted.claims, token: minted.token, minted: true))
            }
            return .success(RequestAuth(claims: try authority.validate(token), token: token, minted: false))
        } catch {
            return .failure(error)
        }
    }
}

/// The decision on a `GET /v1/database/<db>/subscribe` request, made in SpacetimeDB's order:
/// authentication, connection id, database, query parameters, then the subprotocol.
struct SubscribeRequest: Sendable {
    var auth: RequestAuth
    var connectionId: ConnectionId
    var webSocketProtocol: WebSocketProtocol
    var compression: Compression
    var light: Bool

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
        if let value = target.query["confirmed"], Bool(value) == nil {
            return .failure(.text(400, "Failed to deserialize query string: confirmed: provided string was not `true` or `false`"))
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
                auth: auth, connectionId: connectionId, webSocketProtocol: selected, compression: compression, light: light))
    }
}
