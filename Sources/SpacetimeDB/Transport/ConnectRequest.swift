import Foundation

/// Where and how to open the subscribe WebSocket: host, TLS, path with query, headers.
///
/// Built from the user's URI the way the Rust SDK builds it: `http`→`ws`, `https`→`wss`, path
/// `/v1/database/<name>/subscribe`, query `compression=None|Brotli|Gzip` plus `light`, `confirmed`
/// and `connection_id` when set.
public struct ConnectRequest: Sendable, Hashable {
    /// The host name or address to connect to.
    public var host: String
    /// The TCP port.
    public var port: Int
    /// Whether to speak TLS (`wss://`).
    public var useTLS: Bool
    /// The request target: path and query.
    public var pathAndQuery: String
    /// The bearer token, if any.
    public var token: String?
    /// The subprotocols offered, in the client's preference order.
    public var protocols: [ProtocolVersion]

    /// Creates a request from its parts.
    public init(host: String, port: Int, useTLS: Bool, pathAndQuery: String, token: String?, protocols: [ProtocolVersion]) {
        self.host = host
        self.port = port
        self.useTLS = useTLS
        self.pathAndQuery = pathAndQuery
        self.token = token
        self.protocols = protocols
    }

    /// Builds the subscribe request for `uri` and `databaseName`.
    ///
    /// Throws ``DbConnectionError/invalidURI(_:)`` for a URI that is not `http`, `https`, `ws` or `wss`,
    /// has no host, or carries a query.
    public static func subscribe(
        uri: String, databaseName: String, token: String?, compression: Compression,
        lightMode: Bool = false, confirmedReads: Bool? = nil, connectionId: ConnectionId? = nil,
        protocols: [ProtocolVersion] = ProtocolVersion.allNewestFirst
    ) throws(DbConnectionError) -> ConnectRequest {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased() else {
            throw .invalidURI("\(uri) is not a URI; expected something like http://localhost:3000")
        }
        let useTLS: Bool
        switch scheme {
        case "http", "ws": useTLS = false
        case "https", "wss": useTLS = true
        default: throw .invalidURI("\(uri): the scheme must be http, https, ws or wss, not \(scheme)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidURI("\(uri) has no host")
        }
        guard components.query == nil else {
            throw .invalidURI("\(uri) must not have a query part")
        }
        guard !databaseName.isEmpty else { throw .invalidURI("the database name is empty") }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let name = databaseName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? databaseName
        path += "/v1/database/\(name)/subscribe"
        var query = "compression=\(compression.queryValue)"
        if lightMode { query += "&light=true" }
        if let confirmedReads { query += "&confirmed=\(confirmedReads)" }
        if let connectionId { query += "&connection_id=\(connectionId.hexString)" }
        let port = components.port ?? (useTLS ? 443 : 80)
        return ConnectRequest(
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port, useTLS: useTLS,
            pathAndQuery: path + "?" + query, token: token, protocols: protocols)
    }

    /// The `Host` header value.
    public var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        let defaultPort = useTLS ? 443 : 80
        return port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }
}
