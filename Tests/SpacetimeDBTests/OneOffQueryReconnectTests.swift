import Synchronization
import Testing
@testable import SpacetimeDB

/// One-off queries pending when the connection drops and will reconnect: they are not re-sent, so
/// they must fail instead of never completing.
@Suite struct OneOffQueryReconnectTests {
    typealias F = SDKFixtures

    @Test func aDropBeforeAReconnectFailsPendingQueries() async throws {
        let connector = InMemoryConnector()
        let conn = try SDKProcedureTests.build(
            connector, reconnect: ReconnectPolicy(initialDelay: .milliseconds(10), maximumDelay: .milliseconds(20)))
        let first = try #require(connector.latest)
        first.open(.v2)
        first.deliver(F.v2(F.v2Identity()))
        conn.frameTick()
        let results = Mutex<[Result<Int, OneOffQueryError>]>([])
        conn.oneOffQuery("SELECT * FROM user") { result in results.withLock { $0.append(result.map(\.tables.count)) } }
        #expect(try first.sentV2().contains { if case .oneOffQuery = $0 { true } else { false } })
        first.drop(.connectionLost("reset by peer"))
        conn.frameTick()
        #expect(results.withLock { $0 } == [.failure(.disconnected)])
        guard case .reconnecting = conn.status else {
            Issue.record("expected reconnecting, got \(conn.status)")
            return
        }
        conn.disconnect()
        conn.frameTick()
        #expect(results.withLock { $0 }.count == 1, "failed once only")
    }
}
