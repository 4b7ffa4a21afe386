import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// `query(_:as:)` with `SQLText` literals against the real local host over sockets.
@Suite(.timeLimit(.minutes(2))) struct TypedQueryHostTests {
    @Test(arguments: [ProtocolVersion.v1, .v2])
    func typedTimeRangeQueryAndAQuotedString(_ version: ProtocolVersion) async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = CallbackLog()
        let conn = try ConnectionHostIntegrationTests.client(host.url, version, log: log, name: "alice")
        try await waitUntil("applied") { log.all.contains("alice applied") }
        for text in ["one", "it's two", "three"] { conn.reducers.sendMessage(text: text) }
        try await waitUntil("three messages") { conn.db.message.count == 3 }
        let sent = conn.db.message.iter().sorted { $0.sent < $1.sent }
        let from = sent[1].sent
        let to = sent[2].sent
        let range = try await conn.query(
            "SELECT * FROM message WHERE sent >= \(from) AND sent < \(to)", table: "message", as: Message.self)
        #expect(range.map(\.text) == ["it's two"])
        let quoted = try await conn.query("SELECT * FROM message WHERE text = \("it's two")", as: Message.self)
        #expect(quoted.map(\.sent) == [from])
        let mine = try await conn.query("SELECT * FROM user WHERE identity = \(try #require(conn.identity))", as: User.self)
        #expect(mine.count == 1)
        await #expect(throws: OneOffRowsError.query(.server("`nope` is not in scope"))) {
            _ = try await conn.query("SELECT * FROM message WHERE nope = \(1)", as: Message.self)
        }
        conn.disconnect()
        await host.shutdown()
    }
}
