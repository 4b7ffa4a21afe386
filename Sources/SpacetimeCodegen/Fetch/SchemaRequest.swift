import Foundation

/// The HTTP request for a module's schema, `GET {host}/v1/database/{db}/schema?version=9` (or `=10`), and
/// how to read its response. Pure: the CLI performs the request.
public struct SchemaRequest: Hashable, Sendable {
    /// The full URL to fetch.
    public let url: URL
    /// The requested schema version (`9` or `10`).
    public let version: Int

    /// Builds the request for database `database` (a name or hex identity) on `host`
    /// (e.g. `http://localhost:3000`; a path prefix is kept, a trailing slash ignored), asking for
    /// `RawModuleDefV<version>`.
    public init(host: String, database: String, version: Int = 9) throws(SchemaFetchError) {
        guard var components = URLComponents(string: host), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else { throw .invalidHost(host) }
        guard !database.isEmpty else { throw .invalidDatabaseName(database) }
        let base = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        guard let encoded = database.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw .invalidDatabaseName(database)
        }
        components.percentEncodedPath = base + "/v1/database/" + encoded + "/schema"
        components.queryItems = [URLQueryItem(name: "version", value: String(version))]
        guard let url = components.url else { throw .invalidHost(host) }
        self.url = url
        self.version = version
    }

    /// The schema bytes of a response, or the error its status means.
    public func schemaBytes(status: Int, body: [UInt8]) throws(SchemaFetchError) -> [UInt8] {
        switch status {
        case 200..<300: return body
        case 404: throw .databaseNotFound(url: url.absoluteString, message: Self.snippet(body))
        // The route rejects a version it does not know with 400 (a query-string rejection); `version=10`
        // exists from SpacetimeDB v2.0.4 (commit 018575d1f, `crates/client-api/src/routes/database.rs`).
        case 400 where version != 9:
            throw .versionNotServed(url: url.absoluteString, version: version, message: Self.snippet(body))
        default: throw .httpStatus(url: url.absoluteString, status: status, message: Self.snippet(body))
        }
    }

    /// The start of an error body, on one line, for messages.
    static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
