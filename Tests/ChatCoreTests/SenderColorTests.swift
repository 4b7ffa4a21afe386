@testable import ChatCore
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
