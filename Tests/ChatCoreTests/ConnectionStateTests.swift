@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct ConnectionStateTests {
    typealias F = Fixtures

    @Test(arguments: [
        (Int64(0), 3), (1, 3), (1_000_000, 2), (1_999_999, 2), (2_000_000, 1), (2_500_000, 1), (3_000_000, 0), (9_000_000, 0),
    ] as [(Int64, Int)])
    func countdown(elapsedMicros: Int64, expected: Int) {
        let start = F.time(0)
        let state = ConnectionState.reconnecting(attempt: 2, nextAttemptAt: F.time(3))
        let now = Timestamp(microsecondsSinceUnixEpoch: start.microsecondsSinceUnixEpoch + elapsedMicros)
        #expect(state.secondsUntilRetry(now: now) == expected)
    }

    @Test func noCountdownUnlessReconnecting() {
        #expect(ConnectionState.connected.secondsUntilRetry(now: F.time(0)) == nil)
        #expect(ConnectionState.failed(reason: "x").secondsUntilRetry(now: F.time(0)) == nil)
        #expect(ConnectionState.connected.isConnected)
        #expect(!ConnectionState.connecting.isConnected)
    }

    @Test func batchApplyCollectsEffectsInOrder() {
        var model = ChatModel(databaseName: "db", hostLabel: "h")
        _ = model.submit("a", at: F.time(0))
        _ = model.submit("/name z", at: F.time(0))
        let effects = model.apply(contentsOf: [
            .connecting,
            .connected(identity: F.me, connectionID: ConnectionId(1)),
            .initialRowsApplied(users: [], messages: []),
        ], at: F.time(1))
        #expect(effects.map(OutboxTests.strip) == [.sendMessage(localID: LocalCallID(0), text: "a"),
                                                   .setName(localID: LocalCallID(0), name: "z")])
    }
}
