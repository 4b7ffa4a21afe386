import Foundation

/// A token stored where the Rust SDK keeps it: `$HOME/.spacetimedb_client_credentials/<key>`.
///
/// The file holds the BSATN of `struct Credentials { token: String }` (a `u32` length and the UTF-8
/// token), so the official Rust client and this SDK share identities. The directory is created with
/// mode 0700 and the file written with mode 0600, atomically (temporary file, then rename).
public struct CredentialsFile: Sendable, Hashable {
    /// The file name inside the credentials directory (the Rust quickstart uses the database name).
    public let key: String
    /// The home directory used; nil means `$HOME` from the environment at each call.
    public let homeDirectory: String?

    /// Creates a store for `key`, under `homeDirectory` or `$HOME`.
    public init(_ key: String, homeDirectory: String? = nil) {
        self.key = key
        self.homeDirectory = homeDirectory
    }

    /// The credentials directory.
    public func directoryPath() throws(CredentialsError) -> String {
        let home = homeDirectory ?? ProcessInfo.processInfo.environment["HOME"]
        guard let home, !home.isEmpty else { throw .noHomeDirectory }
        return (home as NSString).appendingPathComponent(".spacetimedb_client_credentials")
    }

    /// The file's path.
    public func path() throws(CredentialsError) -> String {
        guard !key.isEmpty, key != ".", key != "..", !key.contains("/"), !key.contains("\0") else {
            throw .invalidKey(key)
        }
        return (try directoryPath() as NSString).appendingPathComponent(key)
    }

    /// The stored token, or nil when no file exists yet.
    public func load() throws(CredentialsError) -> String? {
        let path = try path()
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
        do {
            return try String(bsatnBytes: [UInt8](data))
        } catch {
            throw .corrupt(path: path, reason: error.description)
        }
    }

    /// Stores `token`, replacing any previous one.
    public func save(_ token: String) throws(CredentialsError) {
        let directory = try directoryPath()
        let path = try path()
        let manager = FileManager.default
        do {
            if !manager.fileExists(atPath: directory) {
                try manager.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
            let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard manager.createFile(
                atPath: temporary, contents: Data(token.bsatnBytes()), attributes: [.posixPermissions: 0o600])
            else {
                throw CocoaError(.fileWriteUnknown)
            }
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: temporary)
                throw CredentialsError.io(path: path, reason: reason)
            }
        } catch let error as CredentialsError {
            throw error
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
    }

    /// Deletes the stored token; nothing happens when there is none.
    public func clear() throws(CredentialsError) {
        let path = try path()
        guard FileManager.default.fileExists(atPath: path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
    }
}
