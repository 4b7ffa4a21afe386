import Foundation

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
    /// The commit log is damaged beyond a torn tail: the host refuses to start and leaves the file as it
    /// is; `intactRecords` records precede the damage at byte `offset`.
    case corruptLog(path: String, offset: Int, reason: String, intactRecords: Int)
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
        case .corruptLog(let path, let offset, let reason, let intactRecords):
            return "commit log \(path) is damaged at byte \(offset): \(reason). The host did not start and left the "
                + "file as it is. To start from the \(intactRecords) intact records before the damage, run "
                + "`spacetime-chat serve --recover` (or `spacetime-chat --local --recover`) with the same --data-dir: "
                + "it keeps a copy of the damaged file beside it (\((path as NSString).lastPathComponent).damaged-<time>)"
        case .bind(let address, let port, let reason): return "cannot listen on \(address):\(port): \(reason)"
        case .tls(let reason): return "TLS: \(reason)"
        case .invalidState(let reason): return reason
        }
    }
}
