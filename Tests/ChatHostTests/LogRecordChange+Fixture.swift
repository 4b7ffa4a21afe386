import QuickstartChat
import SpacetimeDB

@testable import ChatHost

extension LogRecord.Change {
    /// A `message` insert from alice, sent at 1 µs, carrying `text`: the commit-log tests' record.
    static func aliceMessage(_ text: String) -> LogRecord.Change {
        let alice = Identity.fromClaims(issuer: "localhost", subject: "alice")
        return LogRecord.Change(
            table: "message", isInsert: true,
            row: Message(sender: alice, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: text).bsatnBytes())
    }
}
