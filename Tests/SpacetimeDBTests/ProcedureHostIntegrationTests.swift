import ChatHost
import Foundation
import Testing
@testable import SpacetimeDB

/// Procedure calls against the real local host over sockets: quickstart-chat has no procedures, so
/// the host answers every call with an internal error, on each protocol version.
@Suite(.timeLimit(.minutes(2))) struct ProcedureHostIntegrationTests {
    @Test(arguments: [ProtocolVersion.v1, .v2, .v3])
    func anUnknownProcedureGivesTheHostsInternalError(_ version: ProtocolVersion) async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let conn = try DbConnection.builder().withUri(host.url).withDatabaseName("quickstart-chat")
            .withProtocols([version]).withCompression(.gzip)
            .build()
        // Made before the socket opens: queued, then sent once it does.
        let early = ProcedureOutcomes<[UInt8]>()
        conn.callProcedure("no_such_procedure", args: [], completion: early.completion(for: conn))
        conn.runThreaded()
        try await waitUntil("the early call's result") { !early.all.isEmpty }
        #expect(early.all == [.failure(.internalError("no such procedure"))])
        #expect(early.allGotTheirConnection)
        #expect(conn.protocolVersion == version)

        do {
            let value = try await conn.callProcedure("add_numbers", args: [1, 0, 0, 0], returning: UInt32.self)
            Issue.record("expected an error, got \(value)")
        } catch {
            #expect(error == .internalError("no such procedure"))
        }
        // The error belonged to the call: the connection is still up and still works.
        #expect(conn.status == .connected)
        let rows = try await conn.oneOffQuery("SELECT * FROM user")
        #expect(rows.tables.map(\.name) == ["user"])
        conn.disconnect()
        try await waitUntil("closed") { conn.status == .closed(reason: nil) }
        await host.shutdown()
    }
}
