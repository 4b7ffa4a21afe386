import Foundation
import QuickstartChat
import SpacetimeDB
import Synchronization
import Testing

// The README's SDK example, compiled by the build and run against the test server. The body of
// `quickstartChat` is the README snippet verbatim; the function only supplies `uri`, the input
// lines and where `print` goes.

/// The README snippet: the Rust quickstart client, step for step, in Swift.
func quickstartChat(uri: String, lines: some Sequence<String>, print: @escaping @Sendable (String) -> Void) throws -> DbConnection {
    // README-BEGIN
    let credentials = CredentialsFile("quickstart-chat")

    @Sendable func nameOrIdentity(_ user: User) -> String { user.name ?? user.identity.abbreviatedHex }

    @Sendable func printMessage(_ ctx: some DbContext, _ message: Message) {
        let sender = ctx.db.user.identity.find(message.sender).map(nameOrIdentity) ?? "unknown"
        print("\(sender): \(message.text)")
    }

    // Connect to the database.
    let conn = try DbConnection.builder()
        .withUri(uri)
        .withDatabaseName("quickstart-chat")
        .withToken(try? credentials.load())
        .onConnect { _, _, token in
            do { try credentials.save(token) } catch { print("Failed to save credentials: \(error)") }
        }
        .onConnectError { _, error in print("Connection error: \(error)") }
        .onDisconnect { _, error in print(error.map { "Disconnected: \($0)" } ?? "Disconnected.") }
        .build()

    // Register callbacks to run in response to database events.
    conn.db.user.onInsert { _, user in
        if user.online { print("User \(nameOrIdentity(user)) connected.") }
    }
    conn.db.user.onUpdate { _, old, new in
        if old.name != new.name { print("User \(nameOrIdentity(old)) renamed to \(nameOrIdentity(new)).") }
        if old.online && !new.online { print("User \(nameOrIdentity(new)) disconnected.") }
        if !old.online && new.online { print("User \(nameOrIdentity(new)) connected.") }
    }
    conn.db.message.onInsert { ctx, message in
        if case .reducer = ctx.event { printMessage(ctx, message) }
    }
    conn.reducers.onSetName { ctx, name in
        if case .reducer(let event) = ctx.event, let error = event.status.errorMessage {
            print("Failed to change name to \(name.debugDescription): \(error)")
        }
    }
    conn.reducers.onSendMessage { ctx, text in
        if case .reducer(let event) = ctx.event, let error = event.status.errorMessage {
            print("Failed to send message \(text.debugDescription): \(error)")
        }
    }

    // Subscribe to SQL queries in order to construct a local partial replica of the database.
    conn.subscriptionBuilder()
        .onApplied { ctx in
            for message in ctx.db.message.iter().sorted(by: { $0.sent < $1.sent }) { printMessage(ctx, message) }
            print("Fully connected and all subscriptions applied.")
        }
        .onError { _, error in print("Subscription failed: \(error)") }
        .subscribe(["SELECT * FROM user", "SELECT * FROM message"])

    // Process messages and run callbacks on a background queue.
    conn.runThreaded()

    // Handle input: `/name NAME` sets the name, anything else is a message.
    for line in lines {
        if line.hasPrefix("/name ") {
            conn.reducers.setName(name: String(line.dropFirst(6)))
        } else {
            conn.reducers.sendMessage(text: line)
        }
    }
    // README-END
    return conn
}

@Suite(.serialized) struct SDKReadmeExample {
    typealias F = SDKFixtures

    /// A v1 server that answers like quickstart-chat: subscriptions get the table contents, `send_message`
    /// inserts a message, an empty `set_name` fails with the module's error text (request id 0, as 1.x does).
    static func chatServer() async throws -> TransportTestServer {
        let me = F.user(F.me, "alice")
        let history = [
            Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: 2), text: "second"),
            Message(sender: F.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "first"),
        ]
        return try await TransportTestServer.start(.init(onOpen: { socket in
            socket.send(F.v1Identity(token: "fresh-token"))
        }, onMessage: { socket, bytes in
            guard let message = try? V1.ClientMessage(bsatnBytes: bytes) else { return }
            switch message {
            case .subscribeMulti(let subscribe):
                socket.send(F.v1Applied(queryId: subscribe.queryId.id, requestId: subscribe.requestId, [
                    F.v1Table("user", inserts: F.rows([me, F.user(F.other, nil, online: false)])),
                    F.v1Table("message", inserts: F.rows(history)),
                ]))
            case .callReducer(let call) where call.reducer == "send_message":
                let text = (try? SendMessageArgs(bsatnBytes: call.args).text) ?? ""
                let row = Message(sender: F.me, sent: Timestamp(microsecondsSinceUnixEpoch: 3), text: text)
                socket.send(F.v1Transaction(
                    status: .committed(V1.DatabaseUpdate(tables: [F.v1Table("message", inserts: F.rows([row]))])),
                    reducer: "send_message", args: SendMessageArgs(text: text), requestId: call.requestId))
            case .callReducer(let call) where call.reducer == "set_name":
                socket.send(F.v1Transaction(
                    status: .failed("Names must not be empty"), reducer: "set_name", args: SetNameArgs(name: ""), requestId: 0))
            default:
                break
            }
        }))
    }

    @Test func readmeSnippetRunsAgainstATestServer() async throws {
        let home = NSTemporaryDirectory() + "spacetime-readme-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        setenv("HOME", home, 1)
        let server = try await Self.chatServer()
        defer { Task { await server.shutdown() } }
        let output = CallbackLog()
        let conn = try quickstartChat(uri: server.uri, lines: ["Hello, world!", "/name "]) { output.add($0) }
        try await waitUntil("the README flow") { output.all.count >= 6 }
        // As in the Rust SDK, a subscription's onApplied runs before the row callbacks of its rows.
        #expect(output.all == [
            "alice: first",
            "\(F.other.abbreviatedHex): second",
            "Fully connected and all subscriptions applied.",
            "User alice connected.",
            "alice: Hello, world!",
            "Failed to change name to \"\": Names must not be empty",
        ])
        #expect(try CredentialsFile("quickstart-chat").load() == "fresh-token")
        conn.disconnect()
        try await waitUntil("disconnect") { output.all.last == "Disconnected." }
    }
}
