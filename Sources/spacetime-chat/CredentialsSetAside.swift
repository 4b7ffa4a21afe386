import Foundation

/// Moves a refused credentials file aside, so the next connection gets a new identity, without
/// deleting it: the old token stays usable if the host that made it comes back.
enum CredentialsSetAside {
    /// Why the file could not be moved.
    enum Failure: Error, CustomStringConvertible {
        /// The file system refused to rename `path` (with its reason); the file stayed where it was.
        case cannotMove(path: String, reason: String)

        var description: String {
            switch self {
            case .cannotMove(let path, let reason):
                "could not move \(path) aside: \(reason); move or remove it yourself, then try again"
            }
        }
    }

    /// Renames `path` to `<path>.refused-<UTC date and time>` (with `-2`, `-3`... when taken) and
    /// returns the new path; nil when there is no file (nothing to move).
    static func moveAside(_ path: String, now: Date = Date()) throws(Failure) -> String? {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = "\(path).refused-\(formatter.string(from: now))"
        var target = base
        var counter = 2
        while manager.fileExists(atPath: target) {
            target = "\(base)-\(counter)"
            counter += 1
        }
        do {
            try manager.moveItem(atPath: path, toPath: target)
        } catch {
            throw .cannotMove(path: path, reason: error.localizedDescription)
        }
        return target
    }
}
