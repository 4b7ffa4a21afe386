import Foundation

/// The input history file on disk: thin I/O around `InputHistoryCodec`.
///
/// Loading never fails the caller: a missing file is an empty history, an unreadable or corrupt one
/// is an empty history plus a sentence for the log (the file is left as it was until the next
/// save replaces it). Saving writes a temporary file (mode 0600) beside it, syncs it and renames it
/// over the old one, so a crash or a full disk leaves the old file or the new one, never half of
/// one; a directory it has to create gets mode 0700. Adding lines (`append`) merges them into the
/// file as it is then, under an exclusive `flock` of its directory, so two windows sharing the file
/// both keep their lines (the newer one's last) instead of the last to write replacing the other's.
public struct InputHistoryStore: Sendable {
    /// Where the file is.
    public let path: String
    /// Most entries kept.
    public let limit: Int

    /// Largest file read; anything bigger is not one we wrote (the codec caps it near 16 MB).
    static let maxFileBytes = 64 << 20

    /// A store for the file at `path`.
    public init(path: String, limit: Int = InputHistoryCodec.defaultLimit) {
        self.path = path
        self.limit = limit
    }

    /// The entries in the file (oldest first), and why it was ignored if it was.
    public func load() -> (entries: [String], problem: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], nil) }
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
                return ([], "input history \(path) ignored: \(size) bytes is more than a history file of ours holds")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return ([], "input history \(path) could not be read (\(error.localizedDescription)); starting with an empty history")
        }
        do {
            return (try InputHistoryCodec.decode(data, limit: limit), nil)
        } catch {
            return ([], "input history \(path) ignored: \(error); starting with an empty history (the file is replaced at the next send)")
        }
    }

    /// Adds `lines` (oldest first) to the newest end of the file as it is now, atomically, while
    /// holding an exclusive lock on the file's directory (so concurrent adders from other windows
    /// or threads are merged, not overwritten). An unreadable or corrupt file is replaced, as by `save`.
    public func append(_ lines: [String]) throws(InputHistoryStoreError) {
        guard !lines.isEmpty else { return }
        let directory = try makeDirectory()
        let lockPath = directory.isEmpty ? "." : directory
        let descriptor = open(lockPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotLock(lockPath, errno: errno) }
        defer { close(descriptor) }  // closing releases the lock
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .cannotLock(lockPath, errno: errno) }
        }
        try replaceFile(with: InputHistoryCodec.merge(load().entries, adding: lines))
    }

    /// Replaces the file with `entries` (capped by the codec), atomically.
    public func save(_ entries: [String]) throws(InputHistoryStoreError) {
        _ = try makeDirectory()
        try replaceFile(with: entries)
    }

    /// The file's directory, made (mode 0700) if it was missing; "" for a bare file name.
    private func makeDirectory() throws(InputHistoryStoreError) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreateDirectory(directory, reason: error.localizedDescription)
            }
        }
        return directory
    }

    /// Writes `entries` to a temporary file beside the file, syncs it and renames it over the file.
    private func replaceFile(with entries: [String]) throws(InputHistoryStoreError) {
        let text = InputHistoryCodec.encode(entries, limit: limit)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(temporary, errno: errno) }
        // A stale temporary file from another umask keeps its mode through O_CREAT: set it.
        var failure: Int32 = fchmod(descriptor, 0o600) == 0 ? 0 : errno
        if failure == 0 { failure = Self.writeAll(Array(text.utf8), to: descriptor) }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw .cannotWrite(path, errno: failure)
        }
    }

    /// Writes every byte, retrying short writes and EINTR; 0 or the errno.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }
}
