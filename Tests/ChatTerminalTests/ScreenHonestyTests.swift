import ChatCore
import Foundation
import SpacetimeDB
import Testing

@testable import ChatTerminal

/// Issue 12, items 1 and 4–7: the screen says what is true (unsent is unsent, presence unknown is
/// unknown, the hinted key works, look-alikes differ, a message cannot fake a line).
@Suite struct ScreenHonestyTests {
    static let alice = Identity(hex: "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975") ?? .zero
    static let bob = Identity(hex: "c200945d7088bdc077a73370304d83026d3dfd58b7ac85579f2300b738a3ec08") ?? .zero
    static let noon = Timestamp(microsecondsSinceUnixEpoch: 1_764_417_600_000_000)

    static func at(_ minutes: Int64) -> Timestamp {
        Timestamp(microsecondsSinceUnixEpoch: noon.microsecondsSinceUnixEpoch + minutes * 60_000_000)
    }

    static func model(users: [ChatUser]? = nil, messages: [ChatMessage] = []) -> ChatModel {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connected(identity: alice, connectionID: ConnectionId(7)), at: at(0))
        let rows = users ?? [ChatUser(identity: alice, name: "alice", online: true), ChatUser(identity: bob, name: "bob", online: true)]
        _ = model.apply(.initialRowsApplied(users: rows, messages: messages), at: at(0))
        return model
    }

    func lines(_ model: ChatModel, editor: LineEditor = LineEditor(), columns: Int = 80, rows: Int = 12) -> [String] {
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        return composer.compose(model: model, editor: editor, columns: columns, rows: rows, now: Self.at(3)).plainTextLines
    }

    // MARK: Item 5

    @Test func presenceIsShownAsUnknownWhileNotConnected() {
        var model = Self.model()
        #expect(lines(model)[0].hasSuffix("2/2 online"))
        _ = model.apply(.disconnected(reason: "connection lost"), at: Self.at(1))
        _ = model.apply(.reconnecting(attempt: 4, nextAttemptAt: Self.at(9)), at: Self.at(2))
        let screen = lines(model)
        #expect(screen[0].hasSuffix("?/2 online"), "\(screen[0])")
        #expect(!screen.joined().contains("●"), "no one is shown online:\n\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("│ ? alice *") })
        #expect(screen.contains { $0.contains("│ ? bob") })
    }

    // MARK: Item 4

    @Test func newMessagesBarNamesAKeyThatJumps() {
        let messages = (0..<30).map { ChatMessage(sender: Self.bob, sent: Self.at(Int64($0)), text: "message \($0)") }
        var model = Self.model(messages: messages)
        model.scroll(byLines: -10, viewHeight: 10) { _ in 1 }
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(40), text: "new")), at: Self.at(40))
        // Empty input: End cannot move the cursor, so End jumps, and the bar says so.
        let empty = lines(model)
        #expect(empty.contains { $0.contains("1 new message below · End to jump") }, "\(empty)")
        #expect(KeyBinding.action(for: .key(.end), editorIsEmpty: true) == .scrollToBottom)
        // Cursor at the end of typed text: the same.
        var editor = LineEditor()
        editor.apply(.insert("draft"))
        #expect(lines(model, editor: editor).contains { $0.contains("· End to jump") })
        #expect(KeyBinding.action(for: .key(.end), editorIsEmpty: false, cursorAtEnd: true) == .scrollToBottom)
        // Cursor inside the text: End moves it, so the bar names Ctrl-End, which always jumps.
        editor.apply(.moveLeft)
        #expect(lines(model, editor: editor).contains { $0.contains("· Ctrl-End to jump") })
        #expect(KeyBinding.action(for: .key(.end), editorIsEmpty: false, cursorAtEnd: false) == .edit(.moveToEnd))
        #expect(KeyBinding.action(for: .key(.end, .control), editorIsEmpty: false, cursorAtEnd: false) == .scrollToBottom)
    }

    // MARK: Item 1

    @Test func unsentMessagesAreMarkedNotSent() {
        var model = Self.model()
        _ = model.apply(.disconnected(reason: "connection lost"), at: Self.at(1))
        _ = model.submit("typed while down", at: Self.at(2))
        #expect(lines(model).contains { $0.contains("typed while down (queued)") })
        _ = model.apply(.closedForGood(ConnectionRefusal(error: .httpStatus(code: 401, reason: "Unauthorized", body: "InvalidSignature"), credentialsPath: "/h/.spacetimedb_client_credentials/quickstart-chat")), at: Self.at(2))
        let screen = lines(model, columns: 120, rows: 20)
        #expect(screen.contains { $0.contains("typed while down (not sent)") }, "\(screen.joined(separator: "\n"))")
        #expect(screen[0].contains("identity refused by the host"), "\(screen[0])")
        #expect(screen.joined().contains("/reset-identity"))
    }

    // MARK: Item 6

    @Test func lookAlikeNamesDifferOnScreenWithoutColour() {
        let mallory = Identity(hex: "c200ddeeff" + String(repeating: "2", count: 54)) ?? .zero
        let blank = Identity(hex: "c200123456" + String(repeating: "3", count: 54)) ?? .zero
        let model = Self.model(
            users: [
                ChatUser(identity: Self.alice, name: "alice", online: true),
                ChatUser(identity: mallory, name: "alice", online: true),
                ChatUser(identity: blank, name: "\u{200B}", online: true),
            ],
            messages: [
                ChatMessage(sender: mallory, sent: Self.at(1), text: "I am alice"),
                ChatMessage(sender: blank, sent: Self.at(2), text: "who am I"),
            ])
        let screen = lines(model, columns: 100).joined(separator: "\n")
        #expect(screen.contains("alice #ddeeff"), "\(screen)")
        #expect(screen.contains("alice #483152 *"), "\(screen)")
        #expect(screen.contains("(blank) #123456"), "\(screen)")
    }

    // MARK: Item 7

    @Test func separatorsFromTheNetworkCannotFakeALine() {
        let fake = "hello\r12:02 bob   I agree\u{2028}12:03 bob   me too\u{2029}end\u{85}x"
        var model = Self.model(messages: [ChatMessage(sender: Self.bob, sent: Self.at(1), text: fake)])
        let screen = lines(model, columns: 140)
        let row = screen.first { $0.contains("hello") } ?? ""
        #expect(row.contains("hello␍12:02 bob   I agree␤12:03 bob   me too¶end␤x"), "\(screen.joined(separator: "\n"))")
        #expect(screen.filter { $0.contains("12:02 bob") }.count == 1)

        // A line break in a name stays on the notice's line.
        _ = model.apply(.userUpdated(old: ChatUser(identity: Self.bob, name: "bob", online: true),
                                     new: ChatUser(identity: Self.bob, name: "bob\n12:09 ·· User eve connected.", online: true)), at: Self.at(4))
        let after = lines(model, columns: 140)
        let notice = after.first { $0.contains("renamed to") } ?? ""
        #expect(notice.contains("renamed to bob⏎12:09 ·· User eve connected.."), "\(after.joined(separator: "\n"))")
        #expect(!after.contains { $0.hasPrefix("12:09") })
    }
}
