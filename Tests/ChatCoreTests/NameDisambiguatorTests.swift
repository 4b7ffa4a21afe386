@testable import ChatCore
import SpacetimeDB
import Testing

/// Issue 12, item 6: look-alike names are told apart, invisible names get a stand-in.
@Suite struct NameDisambiguatorTests {
    typealias F = Fixtures

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let users: [ChatUser]
        let expected: [Identity: String]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "distinct names stay as they are",
             users: [ChatUser(identity: F.alice, name: "alice", online: true), ChatUser(identity: F.bob, name: "bob", online: true)],
             expected: [F.alice: "alice", F.bob: "bob"]),
        Case(label: "same name: both get their identity piece",
             users: [ChatUser(identity: F.me, name: "alice", online: true), ChatUser(identity: F.alice, name: "alice", online: true)],
             expected: [F.me: "alice #000000", F.alice: "alice #000000"]),
        Case(label: "zero-width characters and spaces do not make a name different",
             users: [ChatUser(identity: F.alice, name: "alice", online: true), ChatUser(identity: F.bob, name: " alice\u{200B} ", online: true)],
             expected: [F.alice: "alice #000000", F.bob: " alice\u{200B}  #000000"]),
        Case(label: "another case looks different",
             users: [ChatUser(identity: F.alice, name: "alice", online: true), ChatUser(identity: F.bob, name: "Alice", online: true)],
             expected: [F.alice: "alice", F.bob: "Alice"]),
        Case(label: "a name of only U+200B gets a stand-in",
             users: [ChatUser(identity: F.alice, name: "\u{200B}", online: true)],
             expected: [F.alice: "(blank) #000000"]),
        Case(label: "blank names: spaces, Hangul filler, braille blank",
             users: [ChatUser(identity: F.alice, name: "  ", online: true), ChatUser(identity: F.bob, name: "\u{3164}\u{2800}", online: true)],
             expected: [F.alice: "(blank) #000000", F.bob: "(blank) #000000"]),
        Case(label: "unnamed users keep their abbreviated identity",
             users: [ChatUser(identity: F.alice, name: nil, online: true)],
             expected: [F.alice: "c200000000000002"]),
        Case(label: "a name copying an unnamed user's identity is told apart",
             users: [ChatUser(identity: F.alice, name: nil, online: true), ChatUser(identity: F.bob, name: "c200000000000002", online: true)],
             expected: [F.alice: "c200000000000002 #000000", F.bob: "c200000000000002 #000000"]),
    ]

    @Test(arguments: cases)
    func labels(_ sample: Case) {
        let labels = NameDisambiguator.labels(for: sample.users)
        // The first six digits after c200 are zeros for every fixture identity: the piece must grow
        // until the labels differ, so compare the shape and that all labels differ.
        for (identity, expected) in sample.expected {
            let label = labels[identity] ?? ""
            #expect(label.hasPrefix(expected.replacing("#000000", with: "#")), "\(label)")
        }
        let looks = Set(labels.values.map(NameDisambiguator.appearanceKey))
        #expect(looks.count == labels.count, "every label looks different: \(labels)")
    }

    @Test func identityPieceIsTheHexAfterThePrefix() {
        let one = Identity(hex: "c200aabbcc" + String(repeating: "1", count: 54)) ?? .zero
        let two = Identity(hex: "c200ddeeff" + String(repeating: "2", count: 54)) ?? .zero
        let labels = NameDisambiguator.labels(for: [ChatUser(identity: one, name: "sam", online: true), ChatUser(identity: two, name: "sam", online: true)])
        #expect(labels[one] == "sam #aabbcc")
        #expect(labels[two] == "sam #ddeeff")
    }

    @Test func someoneTakingLabelLikeTextIsToldApartToo() {
        let one = Identity(hex: "c200aabbcc" + String(repeating: "1", count: 54)) ?? .zero
        let two = Identity(hex: "c200ddeeff" + String(repeating: "2", count: 54)) ?? .zero
        let three = Identity(hex: "c200123456" + String(repeating: "3", count: 54)) ?? .zero
        let labels = NameDisambiguator.labels(for: [
            ChatUser(identity: one, name: "sam", online: true), ChatUser(identity: two, name: "sam", online: true),
            ChatUser(identity: three, name: "sam #aabbcc", online: true),
        ])
        let looks = Set(labels.values.map(NameDisambiguator.appearanceKey))
        #expect(looks.count == 3, "\(labels)")
    }

    @Test func modelShowsLabelsInLogSidebarStatusAndNotices() {
        let me = Identity(hex: "c200aabbcc" + String(repeating: "1", count: 54)) ?? .zero
        let mallory = Identity(hex: "c200ddeeff" + String(repeating: "2", count: 54)) ?? .zero
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connected(identity: me, connectionID: ConnectionId(7)), at: F.time(0))
        _ = model.apply(.initialRowsApplied(
            users: [ChatUser(identity: me, name: "alice", online: true), ChatUser(identity: mallory, name: "mallory", online: true)],
            messages: [ChatMessage(sender: mallory, sent: F.time(1), text: "hi")]), at: F.time(1))
        #expect(model.senderName(of: model.log[0]) == "mallory")
        _ = model.apply(.userUpdated(old: ChatUser(identity: mallory, name: "mallory", online: true),
                                     new: ChatUser(identity: mallory, name: "alice", online: true)), at: F.time(2))
        #expect(model.senderName(of: model.log[0]) == "alice #ddeeff")
        #expect(model.ownDisplayName == "alice #aabbcc")
        #expect(Set(model.presence.map(\.displayName)) == ["alice #aabbcc", "alice #ddeeff"])
        #expect(F.notices(model).last == "User mallory renamed to alice #ddeeff.")
    }
}
