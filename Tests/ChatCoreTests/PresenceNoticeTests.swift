@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct PresenceNoticeTests {
    typealias F = Fixtures

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let known: [ChatUser]
        let event: ChatEvent
        let notices: [String]
        var testDescription: String { label }
    }

    static let unnamedAlice = ChatUser(identity: F.alice, name: nil, online: true)

    static let cases: [Case] = [
        Case(label: "new user online", known: [],
             event: .userInserted(ChatUser(identity: F.alice, name: nil, online: true)),
             notices: ["User c200000000000002 connected."]),
        Case(label: "new named user online", known: [],
             event: .userInserted(ChatUser(identity: F.alice, name: "alice", online: true)),
             notices: ["User alice connected."]),
        Case(label: "new user offline", known: [],
             event: .userInserted(ChatUser(identity: F.alice, name: "alice", online: false)),
             notices: []),
        Case(label: "comes online", known: [ChatUser(identity: F.alice, name: "alice", online: false)],
             event: .userUpdated(old: ChatUser(identity: F.alice, name: "alice", online: false),
                                 new: ChatUser(identity: F.alice, name: "alice", online: true)),
             notices: ["User alice connected."]),
        Case(label: "goes offline", known: [ChatUser(identity: F.alice, name: "alice", online: true)],
             event: .userUpdated(old: ChatUser(identity: F.alice, name: "alice", online: true),
                                 new: ChatUser(identity: F.alice, name: "alice", online: false)),
             notices: ["User alice disconnected."]),
        Case(label: "first name", known: [unnamedAlice],
             event: .userUpdated(old: unnamedAlice, new: ChatUser(identity: F.alice, name: "alice", online: true)),
             notices: ["User c200000000000002 renamed to alice."]),
        Case(label: "rename", known: [ChatUser(identity: F.alice, name: "alice", online: true)],
             event: .userUpdated(old: ChatUser(identity: F.alice, name: "alice", online: true),
                                 new: ChatUser(identity: F.alice, name: "ally", online: true)),
             notices: ["User alice renamed to ally."]),
        Case(label: "rename and online at once: rename first, new name after",
             known: [ChatUser(identity: F.alice, name: "alice", online: false)],
             event: .userUpdated(old: ChatUser(identity: F.alice, name: "alice", online: false),
                                 new: ChatUser(identity: F.alice, name: "ally", online: true)),
             notices: ["User alice renamed to ally.", "User ally connected."]),
        Case(label: "no change", known: [ChatUser(identity: F.alice, name: "alice", online: true)],
             event: .userUpdated(old: ChatUser(identity: F.alice, name: "alice", online: true),
                                 new: ChatUser(identity: F.alice, name: "alice", online: true)),
             notices: []),
        Case(label: "insert of a known user acts as an update",
             known: [ChatUser(identity: F.alice, name: "alice", online: false)],
             event: .userInserted(ChatUser(identity: F.alice, name: "alice", online: true)),
             notices: ["User alice connected."]),
        Case(label: "delete says nothing", known: [ChatUser(identity: F.alice, name: "alice", online: true)],
             event: .userDeleted(ChatUser(identity: F.alice, name: "alice", online: true)),
             notices: []),
        Case(label: "our own rename is announced like anyone's",
             known: [ChatUser(identity: F.me, name: "me", online: true)],
             event: .userUpdated(old: ChatUser(identity: F.me, name: "me", online: true),
                                 new: ChatUser(identity: F.me, name: "myself", online: true)),
             notices: ["User me renamed to myself."]),
    ]

    @Test(arguments: cases)
    func notices(for testCase: Case) {
        var model = F.liveModel(users: testCase.known)
        let effects = model.apply(testCase.event, at: F.time(10))
        #expect(effects.isEmpty)
        #expect(F.notices(model) == testCase.notices)
    }

    @Test func initialRowsMakeNoNotices() {
        let users = [
            ChatUser(identity: F.me, name: "me", online: true),
            ChatUser(identity: F.alice, name: "alice", online: true),
            ChatUser(identity: F.bob, name: nil, online: false),
        ]
        let messages = [ChatMessage(sender: F.alice, sent: F.time(1), text: "hi")]
        let model = F.liveModel(users: users, messages: messages)
        #expect(F.notices(model).isEmpty)
        #expect(F.rows(model) == messages)
        #expect(model.userCount == 3)
        #expect(model.onlineCount == 2)
        #expect(model.isLive)
        #expect(model.hasInitialRows)
        #expect(model.ownDisplayName == "me")
    }

    @Test func reconnectSnapshotReplacesUsersSilently() {
        var model = F.liveModel(users: [ChatUser(identity: F.alice, name: "alice", online: true)])
        _ = model.apply(.disconnected(reason: "reset"), at: F.time(5))
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(6)), at: F.time(5))
        #expect(model.connection == .reconnecting(attempt: 1, nextAttemptAt: F.time(6)))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(8)), at: F.time(6))
        let users = [
            ChatUser(identity: F.me, name: nil, online: true),
            ChatUser(identity: F.alice, name: "ally", online: false),
            ChatUser(identity: F.bob, name: "bob", online: true),
        ]
        _ = model.apply(.initialRowsApplied(users: users, messages: []), at: F.time(7))
        #expect(F.notices(model) == ["Disconnected: reset", "Reconnected."])
        #expect(model.users[F.alice]?.name == "ally")
        #expect(model.onlineCount == 2)
    }

    @Test func connectionStates() {
        var model = ChatModel(databaseName: "db", hostLabel: "h")
        #expect(model.connection == .connecting)
        #expect(model.ownDisplayName == nil)
        _ = model.apply(.connectFailed(reason: "refused"), at: F.time(0))
        #expect(model.connection == .failed(reason: "refused"))
        #expect(F.notices(model).isEmpty, "no notice for a connection that never came up")
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(1)), at: F.time(1))
        #expect(model.connection == .connected)
        #expect(!model.isLive, "not live before the subscription is applied")
        #expect(model.ownDisplayName == "c200000000000001")
        _ = model.apply(.disconnected(reason: nil), at: F.time(2))
        #expect(model.connection == .disconnected(reason: nil))
        #expect(F.notices(model) == ["Disconnected."])
        _ = model.apply(.subscriptionFailed(reason: "bad query"), at: F.time(3))
        #expect(F.notices(model).last == "Subscription failed: bad query")
    }

    @Test func presenceOrderingAndOwnMarker() {
        let users = [
            ChatUser(identity: F.me, name: "zed", online: true),
            ChatUser(identity: F.alice, name: "alice", online: false),
            ChatUser(identity: F.bob, name: "Bob", online: true),
            ChatUser(identity: F.carol, name: nil, online: true),
            ChatUser(identity: Fixtures.identity(5), name: "bob", online: true),
            ChatUser(identity: Fixtures.identity(6), name: "Aaron", online: false),
        ]
        let model = F.liveModel(users: users)
        let presence = model.presence
        #expect(presence.map(\.displayName) == ["Bob", "bob", "c200000000000004", "zed", "Aaron", "alice"])
        #expect(presence.map(\.user.online) == [true, true, true, true, false, false])
        #expect(presence.filter(\.isSelf).map(\.displayName) == ["zed"])
        #expect(model.onlineCount == 4)
        #expect(model.userCount == 6)
    }

    @Test func senderNames() {
        let users = [ChatUser(identity: F.alice, name: "alice", online: true), ChatUser(identity: F.bob, name: nil, online: true)]
        var model = F.liveModel(users: users, messages: [
            ChatMessage(sender: F.alice, sent: F.time(1), text: "a"),
            ChatMessage(sender: F.bob, sent: F.time(2), text: "b"),
            ChatMessage(sender: F.carol, sent: F.time(3), text: "c"),
        ])
        #expect(model.log.entries.compactMap { model.senderName(of: $0) } == ["alice", "c200000000000003", "unknown"])
        // Messages follow renames; the colour identity does not change.
        _ = model.apply(.userUpdated(old: users[0], new: ChatUser(identity: F.alice, name: "ally", online: true)), at: F.time(4))
        #expect(model.senderName(of: model.log[0]) == "ally")
        #expect(model.senderIdentity(of: model.log[0]) == F.alice)
        #expect(model.senderName(of: model.log[3]) == nil, "notices have no sender")
    }

    @Test func sidebarToggle() {
        var model = F.liveModel()
        #expect(model.sidebarVisible)
        #expect(model.submit("/users", at: F.time(1)).isEmpty)
        #expect(!model.sidebarVisible)
        _ = model.submit("/users", at: F.time(2))
        #expect(model.sidebarVisible)
        #expect(model.log.isEmpty)
    }
}
