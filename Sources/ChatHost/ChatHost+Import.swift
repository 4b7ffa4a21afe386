import Foundation
import QuickstartChat
import SpacetimeDB

extension ChatHost {
    /// Appends rows to the data directory's commit log as one durable transaction, with no host
    /// running there (the directory lock is taken for the duration). For seeding benchmarks and tests
    /// with large histories, which would otherwise cost one `fdatasync` per `send_message`.
    public static func importRows(users: [User], messages: [Message], into directory: URL) throws(HostError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectory(path: directory.path, reason: "\(error)")
        }
        let lock = try DataDirectoryLock(directory: directory.path)
        defer { lock.release() }
        let log = try CommitLog(
            path: directory.appendingPathComponent("commitlog.stchl").path, logger: .init(label: "spacetime-chat.import"))
        defer { log.closeFile() }
        var changes = TransactionChanges()
        changes.insertedUsers = users
        changes.insertedMessages = messages
        try log.append(changes: changes.logChanges)
    }
}
