@testable import ChatCore
import Foundation
import SpacetimeDB
import Testing

@Suite struct SenderColorTests {
    static let fixed = Identity(hex: "c2001f5a3a7d0e4b9c8e6f7a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e")

    @Test func fixedIdentityHashesToAFixedValue() throws {
        let identity = try #require(Self.fixed)
        // 64-bit FNV-1a over the big-endian bytes, computed independently.
        #expect(SenderColor.hash(of: identity) == 0x292f_2326_9e9c_7f53)
        #expect(SenderColor.index(for: identity, paletteSize: 8) == 3)
        #expect(SenderColor.index(for: identity, paletteSize: 12) == 7)
        #expect(SenderColor.index(for: identity, paletteSize: 0) == 0)
    }

    @Test func survivesRenames() {
        var model = Fixtures.liveModel(users: [ChatUser(identity: Fixtures.alice, name: "alice", online: true)],
                                       messages: [ChatMessage(sender: Fixtures.alice, sent: Fixtures.time(1), text: "x")])
        let before = model.senderIdentity(of: model.log[0]).map { SenderColor.index(for: $0, paletteSize: 6) }
        _ = model.apply(.userUpdated(old: ChatUser(identity: Fixtures.alice, name: "alice", online: true),
                                     new: ChatUser(identity: Fixtures.alice, name: "zoe", online: true)), at: Fixtures.time(2))
        let after = model.senderIdentity(of: model.log[0]).map { SenderColor.index(for: $0, paletteSize: 6) }
        #expect(before != nil)
        #expect(before == after)
    }

    @Test func spreadsOverThePalette() {
        let indices = Set((1...200).map { SenderColor.index(for: Fixtures.identity($0), paletteSize: 6) })
        #expect(indices == Set(0..<6))
    }
}

@Suite struct LogCalendarTests {
    typealias F = Fixtures

    @Test func dayChangesFollowTheTimeZone() throws {
        // 2026-11-29 22:30 UTC, 23:30 UTC, 2026-11-30 00:30 UTC.
        let times: [Int64] = [22 * 3600 + 1800, 23 * 3600 + 1800, 24 * 3600 + 1800]
        let model = F.liveModel(messages: times.map { ChatMessage(sender: F.alice, sent: F.time($0), text: "x") })
        let utc = LogCalendar(timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(utc.dayStarts(in: model.log, range: 0..<3) == [0, 2])
        #expect(utc.day(of: model.log[2].time) == LogCalendar.Day(year: 2026, month: 11, day: 30))
        #expect(utc.clockText(of: model.log[0].time) == "22:30")
        // One hour east of UTC the change falls one message earlier.
        let east = LogCalendar(timeZone: try #require(TimeZone(secondsFromGMT: 3600)))
        #expect(east.dayStarts(in: model.log, range: 0..<3) == [0, 1])
        #expect(east.clockText(of: model.log[1].time) == "00:30")
        // Far west, all three are on the 29th.
        let west = LogCalendar(timeZone: try #require(TimeZone(secondsFromGMT: -5 * 3600)))
        #expect(west.dayStarts(in: model.log, range: 0..<3) == [0])
        #expect(west.clockText(of: model.log[0].time) == "17:30")
    }
}

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
