import Foundation

/// An exclusive `flock` on `<data dir>/host.lock`: one host per data directory at a time.
///
/// The kernel drops the lock when the process dies, even on `kill -9`, so a crashed host never leaves
/// a stale lock behind. The file holds the holder's pid, for the error message only.
struct DataDirectoryLock: Sendable {
    static let fileName = "host.lock"
    private let descriptor: Int32

    /// Takes the lock, or throws ``HostError/dataDirectoryLocked(path:holder:)`` if another host holds it.
    init(directory: String) throws(HostError) {
        let path = (directory as NSString).appendingPathComponent(DataDirectoryLock.fileName)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .dataDirectory(path: directory, reason: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            Foundation.close(descriptor)
            throw .dataDirectoryLocked(path: directory, holder: holder.map { "pid \($0)" } ?? "unknown process")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Releases the lock; call once.
    func release() {
        _ = flock(descriptor, LOCK_UN)
        Foundation.close(descriptor)
    }
}
