@testable import ChatCore
import SpacetimeDB
import Testing

/// Issue 12, item 5: while not connected, nobody's presence is known.
@Suite struct PresenceKnowledgeTests {
    typealias F = Fixtures

    @Test func presenceIsKnownOnlyWhileConnected() {
        var model = F.liveModel(users: [ChatUser(identity: F.alice, name: "alice", online: true)])
        #expect(model.presenceIsKnown)
        _ = model.apply(.disconnected(reason: "connection lost"), at: F.time(5))
        #expect(!model.presenceIsKnown)
        _ = model.apply(.reconnecting(attempt: 3, nextAttemptAt: F.time(60)), at: F.time(30))
        #expect(!model.presenceIsKnown)
        _ = model.apply(.reconnected, at: F.time(61))
        #expect(model.presenceIsKnown)
        _ = model.apply(.closedForGood(ConnectionRefusal(error: .httpStatus(code: 401, reason: "", body: ""), credentialsPath: nil)), at: F.time(70))
        #expect(!model.presenceIsKnown)
    }
}
