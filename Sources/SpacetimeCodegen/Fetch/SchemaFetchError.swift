/// Why a schema could not be fetched from a SpacetimeDB host.
public enum SchemaFetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--host` is not an `http://` or `https://` URL with a host name.
    case invalidHost(String)
    /// `--db` is empty or cannot be put in a URL.
    case invalidDatabaseName(String)
    /// The request did not complete (connection refused, DNS, TLS, timeout).
    case transport(url: String, message: String)
    /// The server has no such database.
    case databaseNotFound(url: String, message: String)
    /// The server refused the requested schema version (older servers serve only version 9).
    case versionNotServed(url: String, version: Int, message: String)
    /// Any other non-2xx status.
    case httpStatus(url: String, status: Int, message: String)

    public var description: String {
        switch self {
        case .invalidHost(let host):
            return "invalid --host \"\(host)\": expected an http:// or https:// URL such as http://localhost:3000"
        case .invalidDatabaseName(let name):
            return "invalid --db \"\(name)\": expected a database name or identity"
        case .transport(let url, let message):
            return "could not fetch \(url): \(message) (is the server running?)"
        case .databaseNotFound(let url, let message):
            return "no such database: GET \(url) returned 404" + (message.isEmpty ? "" : " (\(message))")
                + "; check --db and --host"
        case .versionNotServed(let url, let version, let message):
            return "GET \(url) returned HTTP 400" + (message.isEmpty ? "" : " (\(message))")
                + "; servers before SpacetimeDB 2.0.4 do not serve schema version \(version): "
                + "use --schema-version 9"
        case .httpStatus(let url, let status, let message):
            return "GET \(url) returned HTTP \(status)" + (message.isEmpty ? "" : ": \(message)")
        }
    }
}
