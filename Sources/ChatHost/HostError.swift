/// Why the host could not start or keep running.
public enum HostError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data directory cannot be created or used.
    case dataDirectory(path: String, reason: String)
    /// Another host already serves this data directory.
    case dataDirectoryLocked(path: String, holder: String)
    /// The JWT signing key cannot be read or written.
    case signingKey(path: String, reason: String)
    /// The commit log cannot be opened, read or written.
    case storage(path: String, reason: String)
    /// The listening socket could not be bound.
    case bind(address: String, port: Int, reason: String)
    /// The TLS certificate or key could not be loaded.
    case tls(reason: String)
    /// `start` was called on a host that is already running, or an operation needs a running host.
    case invalidState(String)

    /// The text shown to users and in logs.
    public var description: String {
        switch self {
        case .dataDirectory(let path, let reason): return "data directory \(path): \(reason)"
        case .dataDirectoryLocked(let path, let holder):
            return "data directory \(path) is in use by another host (\(holder)); stop it or choose another --data-dir"
        case .signingKey(let path, let reason): return "signing key \(path): \(reason)"
        case .storage(let path, let reason): return "commit log \(path): \(reason)"
        case .bind(let address, let port, let reason): return "cannot listen on \(address):\(port): \(reason)"
        case .tls(let reason): return "TLS: \(reason)"
        case .invalidState(let reason): return reason
        }
    }
}
