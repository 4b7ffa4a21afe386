// A package outside spacetime-chat that uses its SDK and quickstart-chat bindings, as an adopter
// would: scripts/check-consumer.sh builds it and checks nothing of the terminal (ncurses) is linked.
// Run against a host it prints the latest messages: `chat-consumer http://localhost:3000`.

import QuickstartChat
import SpacetimeDB

let uri = CommandLine.arguments.dropFirst().first ?? "http://localhost:3000"
do {
    let conn = try await DbConnection.builder().withUri(uri).withDatabaseName("quickstart-chat").connect()
    _ = try await conn.subscribe(to: ["SELECT * FROM user", "SELECT * FROM message"])
    for message in conn.db.message.iter().sorted(by: { $0.sent < $1.sent }).suffix(10) {
        let sender = conn.db.user.identity.find(message.sender)?.name ?? message.sender.abbreviatedHex
        print("\(sender): \(message.text)")
    }
    conn.disconnect()
} catch {
    print("chat-consumer: \(error)")
}
