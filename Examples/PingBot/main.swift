// A bot on the async API: it connects with `try await`, names itself, subscribes, then answers every
// `!ping` from someone else with `pong @name` and reports each answer's outcome. A second task
// prints the connection status as it changes.
//
// Run it beside a chat: `swift run ping-bot` (`SPACETIMEDB_HOST`, `SPACETIMEDB_DB_NAME` and
// `PING_BOT_NAME` override the defaults http://localhost:3000, quickstart-chat and ping-bot).

import Foundation
import QuickstartChat
import SpacetimeDB

/// Writes one line at once (Swift's `print` would buffer a pipe until exit).
@Sendable func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let environment = ProcessInfo.processInfo.environment
let host = environment["SPACETIMEDB_HOST"] ?? "http://localhost:3000"
let dbName = environment["SPACETIMEDB_DB_NAME"] ?? "quickstart-chat"
let botName = environment["PING_BOT_NAME"] ?? "ping-bot"

/// The name people see for `identity`, as the quickstart prints it.
func displayName(_ conn: DbConnection, _ identity: Identity) -> String {
    conn.db.user.identity.find(identity)?.name ?? identity.abbreviatedHex
}

/// Answers the `!ping` messages among `messages` until the connection closes.
func answerPings(_ conn: DbConnection, _ messages: AsyncStream<TableChange<Message>>, me: Identity) async {
    for await change in messages {
        guard case .insert(let message) = change.kind, message.sender != me,
            message.text.trimmingCharacters(in: .whitespaces) == "!ping"
        else { continue }
        // The backlog arrives with the subscription; answer only what is new.
        if case .subscribeApplied = change.event { continue }
        let asker = displayName(conn, message.sender)
        let status = await conn.reducers.sendMessage(text: "pong @\(asker)").outcome
        say(status.isCommitted ? "answered \(asker)" : "could not answer \(asker): \(status)")
    }
}

do {
    let conn = try await DbConnection.builder().withUri(host).withDatabaseName(dbName).connect()
    guard let me = conn.identity else { fatalError("connected without an identity") }
    let statusTask = Task {
        for await status in conn.statusChanges { say("status: \(status)") }
    }
    // Taken before subscribing, so no message that arrives after the subscription is missed.
    let messages = conn.db.message.changes
    let answering = Task { await answerPings(conn, messages, me: me) }
    let named = await conn.reducers.setName(name: botName).outcome
    if let error = named.errorMessage { say("could not take the name \(botName): \(error)") }
    let subscription = try await conn.subscribe(to: ["SELECT * FROM user", "SELECT * FROM message"])
    say("\(botName) ready: \(conn.db.message.count) messages, \(subscription.queries.count) queries")
    // Stop on end of input (or when the connection closes, which ends the streams).
    let stdinClosed = Task.detached { while readLine() != nil {} }
    await stdinClosed.value
    conn.disconnect()
    await answering.value
    await statusTask.value
} catch {
    FileHandle.standardError.write(Data("ping-bot: \(error)\n".utf8))
    exit(1)
}
