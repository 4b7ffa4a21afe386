/// Why a stored token could not be read or written.
public enum CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `HOME` is not set, so there is no place for the credentials directory.
    case noHomeDirectory
    /// The file exists but is not a BSATN string (damaged or written by something else).
    case corrupt(path: String, reason: String)
    /// The file system refused (permissions, full disk...).
    case io(path: String, reason: String)
    /// The key cannot be a file name (empty, or contains `/` or NUL, or is `.`/`..`).
    case invalidKey(String)

    public var description: String {
        switch self {
        case .noHomeDirectory:
            return "credentials: HOME is not set, so the token cannot be stored; set HOME or pass the token explicitly"
        case .corrupt(let path, let reason):
            return "credentials: \(path) is damaged (\(reason)); delete it to start with a new identity"
        case .io(let path, let reason):
            return "credentials: cannot access \(path): \(reason)"
        case .invalidKey(let key):
            return "credentials: \"\(key)\" cannot be used as a file name"
        }
    }
}
