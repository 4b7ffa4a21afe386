import Foundation
import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The response timeout over real sockets against ``TransportTestServer``: a server that answers
/// keep-alive Pings but never a reducer call is given up; one that answers calls is kept.
@Suite(.timeLimit(.minutes(1))) struct ResponseTimeoutSocketTests {
    typealias F = SDKFixtures

    func connect(_ server: TransportTestServer, log: CallbackLog, responseTimeout: Duration) throws -> DbConnection {
        let conn = try DbConnection.builder()
            .withUri(server.uri).withDatabaseName("quickstart-chat").withToken("secret-token")
            .withCompression(.gzip)
            // A short keep-alive period: the client pings a lot, and every Ping is answered.
            .withTransport(NIOWebSocketConnector(options: TransportOptions(idleTimeout: .milliseconds(300))))
            .withResponseTimeout(responseTimeout)
            .onConnect { _, _, _ in log.add("connect") }
            .onDisconnect { _, error in log.add("disconnect \(error.map { "\($0)" } ?? "nil")") }
            .build()
        conn.runThreaded()
        return conn
    }

    @Test func aCallUnansweredWhilePingsAreAnsweredEndsTheConnection() async throws {
        let server = try await TransportTestServer.start(.init { socket in socket.send(F.v1Identity()) })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log, responseTimeout: .seconds(2))
        try await waitUntil("connected") { log.all.contains("connect") }
        conn.reducers.setName(name: "A") { _, status in log.add("result \(status)") }
        try await waitUntil("the timeout", seconds: 15) { log.all.contains { $0.hasPrefix("disconnect") } }
        #expect(log.all.contains("disconnect \(DbConnectionError.timedOut)"))
        #expect(log.all.contains { $0.hasPrefix("result internal error") }, "the call's outcome is unknown: \(log.all)")
        // The keep-alive ran all along and was satisfied: it alone would never have ended this connection.
        #expect(server.log.contains { if case .ping = $0 { true } else { false } })
        #expect(!conn.isActive)
    }

    @Test func answeredCallsKeepTheConnectionPastTheTimeout() async throws {
        let server = try await TransportTestServer.start(.init(onOpen: { socket in socket.send(F.v1Identity()) }) { socket, bytes in
            guard case .callReducer(let call) = try? V1.ClientMessage(bsatnBytes: bytes) else { return }
            socket.send(F.v1Transaction(
                status: .committed(V1.DatabaseUpdate(tables: [])), reducer: call.reducer,
                args: SetNameArgs(name: "A"), requestId: call.requestId))
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log, responseTimeout: .seconds(2))
        try await waitUntil("connected") { log.all.contains("connect") }
        // Calls for three timeouts' worth of time, each answered: the armed check must re-arm, not fire.
        for _ in 0..<20 {
            conn.reducers.setName(name: "A") { _, status in log.add("result \(status)") }
            try await Task.sleep(for: .milliseconds(200))
        }
        try await waitUntil("every answer") { log.all.filter { $0 == "result committed" }.count == 20 }
        try await Task.sleep(for: .milliseconds(2200))
        #expect(conn.isActive)
        #expect(!log.all.contains { $0.hasPrefix("disconnect") })
        conn.disconnect()
    }
}
