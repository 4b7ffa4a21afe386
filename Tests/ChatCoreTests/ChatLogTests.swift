@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct ChatLogTests {
    typealias F = Fixtures

    @Test func outOfOrderHistorySorts() {
        let messages = [5, 1, 4, 2, 3].map { ChatMessage(sender: F.alice, sent: F.time(Int64($0)), text: "m\($0)") }
        let model = F.liveModel(messages: messages)
        #expect(F.rows(model).map(\.text) == ["m1", "m2", "m3", "m4", "m5"])
    }

    @Test func equalTimesKeepArrivalOrder() {
        let messages = ["a", "b", "c"].map { ChatMessage(sender: F.alice, sent: F.time(1), text: $0) }
        var model = F.liveModel(messages: messages)
        _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: F.time(1), text: "d")), at: F.time(2))
        #expect(F.rows(model).map(\.text) == ["a", "b", "c", "d"])
    }

    @Test func liveInsertOlderThanLastGoesInPlace() {
        var model = F.liveModel(messages: [1, 3, 5].map { ChatMessage(sender: F.alice, sent: F.time($0), text: "m\($0)") })
        _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: F.time(4), text: "m4")), at: F.time(6))
        _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: F.time(0), text: "m0")), at: F.time(6))
        #expect(F.rows(model).map(\.text) == ["m0", "m1", "m3", "m4", "m5"])
    }

    @Test func noticesInterleaveAtTheirTime() {
        var model = F.liveModel(users: [ChatUser(identity: F.alice, name: "alice", online: false)],
                                messages: [ChatMessage(sender: F.alice, sent: F.time(1), text: "early")])
        _ = model.apply(.userUpdated(old: ChatUser(identity: F.alice, name: "alice", online: false),
                                     new: ChatUser(identity: F.alice, name: "alice", online: true)), at: F.time(5))
        _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(6), text: "late")), at: F.time(6))
        // A row from before the notice (delivered late) goes above it.
        _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: F.time(3), text: "middle")), at: F.time(7))
        #expect(F.texts(model) == ["early", "middle", "User alice connected.", "late"])
    }

    @Test func localEntriesNeverGoAboveTheNewest() {
        // The server clock runs ahead: its row is stamped after our local "now".
        var model = F.liveModel(messages: [ChatMessage(sender: F.alice, sent: F.time(100), text: "ahead")])
        _ = model.submit("/frob", at: F.time(50))
        #expect(model.log.count == 2)
        guard case .notice = model.log[1].content else {
            Issue.record("the hint must be the last entry")
            return
        }
        #expect(model.log[1].time == F.time(100))
    }

    @Test func reappliedSubscriptionAddsOnlyNewRows() {
        let old = [1, 2, 3].map { ChatMessage(sender: F.alice, sent: F.time($0), text: "m\($0)") }
        var model = F.liveModel(messages: old)
        _ = model.apply(.disconnected(reason: nil), at: F.time(4))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(3)), at: F.time(9))
        // While we were away: one message at t=5. Snapshot order is arbitrary.
        let gap = ChatMessage(sender: F.bob, sent: F.time(5), text: "gap")
        _ = model.apply(.initialRowsApplied(users: [], messages: [old[2], gap, old[0], old[1]]), at: F.time(10))
        #expect(F.rows(model).map(\.text) == ["m1", "m2", "m3", "gap"])
        #expect(F.texts(model) == ["m1", "m2", "m3", "Disconnected.", "gap", "Reconnected."])
    }

    @Test func equalRowsAreAMultiset() {
        let twin = ChatMessage(sender: F.alice, sent: F.time(1), text: "same")
        var model = F.liveModel(messages: [twin])
        _ = model.apply(.disconnected(reason: nil), at: F.time(2))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(3)), at: F.time(3))
        _ = model.apply(.initialRowsApplied(users: [], messages: [twin, twin]), at: F.time(3))
        #expect(F.rows(model) == [twin, twin])
        #expect(model.log.occurrences(of: twin) == 2)
    }

    @Test func hundredThousandSortedLiveInserts() {
        var model = F.liveModel()
        for second in 0..<100_000 {
            _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(Int64(second)), text: "m")),
                            at: F.time(Int64(second)))
        }
        #expect(model.log.count == 100_000)
        #expect(model.log[99_999].time == F.time(99_999))
    }

    @Test func hundredThousandShuffledHistory() {
        var generator = SplitMix64(seed: 42)
        let messages = (0..<100_000).map { ChatMessage(sender: F.alice, sent: F.time(Int64($0)), text: "m\($0)") }
            .shuffled(using: &generator)
        var model = F.liveModel(messages: messages)
        #expect(model.log.count == 100_000)
        #expect(model.log.entries.map(\.time) == (0..<100_000).map { F.time(Int64($0)) })
        // Re-applying the same snapshot adds nothing.
        _ = model.apply(.initialRowsApplied(users: [], messages: messages), at: F.time(1))
        #expect(model.log.count == 100_000)
    }

    @Test func mergeInterleavesAndReportsIndices() {
        var log = ChatLog()
        for second: Int64 in [2, 4, 6] {
            log.insert(.message(ChatMessage(sender: F.alice, sent: F.time(second), text: "\(second)")), at: F.time(second))
        }
        let batch: [(time: Timestamp, content: LogEntry.Content)] = [1, 4, 7].map {
            (time: F.time($0), content: .message(ChatMessage(sender: F.bob, sent: F.time($0), text: "n\($0)")))
        }
        let indices = log.merge(sorted: batch)
        #expect(indices == [0, 3, 5])
        #expect(log.entries.map(\.time) == [1, 2, 4, 4, 6, 7].map { F.time($0) })
        let ids = log.entries.map(\.id)
        #expect(Set(ids).count == ids.count, "entry ids are unique")
        for (index, entry) in log.entries.enumerated() {
            #expect(log.index(of: entry.id, at: entry.time) == index)
        }
    }
}
