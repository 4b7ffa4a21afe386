@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct CompletionTests {
    typealias F = Fixtures

    @Test func recentSpeakersFirstThenOnlineByName() {
        let users = [
            ChatUser(identity: F.me, name: "Al", online: true),
            ChatUser(identity: F.alice, name: "alice", online: true),
            ChatUser(identity: F.bob, name: "albert", online: false),
            ChatUser(identity: F.carol, name: "Alma", online: true),
            ChatUser(identity: F.identity(5), name: "alan", online: true),
            ChatUser(identity: F.identity(6), name: "bea", online: true),
        ]
        let messages = [
            ChatMessage(sender: F.alice, sent: F.time(1), text: "1"),
            ChatMessage(sender: F.bob, sent: F.time(2), text: "2"),
            ChatMessage(sender: F.me, sent: F.time(3), text: "3"),
        ]
        let model = F.liveModel(users: users, messages: messages)
        // bob (albert, offline) spoke last, then alice; then online alan, Alma. Never ourselves.
        #expect(model.completionCandidates(prefix: "al") == ["albert", "alice", "alan", "Alma"])
        #expect(model.completionCandidates(prefix: "B") == ["bea"])
        #expect(model.completionCandidates(prefix: "") == ["albert", "alice", "alan", "Alma", "bea"])
        #expect(model.completionCandidates(prefix: "zz").isEmpty)
    }
}
