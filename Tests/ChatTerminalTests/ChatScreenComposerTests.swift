import ChatCore
import Foundation
import SpacetimeDB
import Testing

@testable import ChatTerminal

/// The composed screen, read as text: what a person would see in the terminal.
@Suite struct ChatScreenComposerTests {
    static let alice = Identity(hex: "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975") ?? .zero
    static let bob = Identity(hex: "c200945d7088bdc077a73370304d83026d3dfd58b7ac85579f2300b738a3ec08") ?? .zero
    static let noon = Timestamp(microsecondsSinceUnixEpoch: 1_764_417_600_000_000)  // 2025-11-29T12:00:00Z

    static func at(_ minutes: Int64) -> Timestamp {
        Timestamp(microsecondsSinceUnixEpoch: noon.microsecondsSinceUnixEpoch + minutes * 60_000_000)
    }

    /// A model connected as alice with bob online and a few messages.
    static func chattingModel() -> ChatModel {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connected(identity: alice, connectionID: ConnectionId(7)), at: at(0))
        _ = model.apply(
            .initialRowsApplied(
                users: [
                    ChatUser(identity: alice, name: "alice", online: true),
                    ChatUser(identity: bob, name: "bob", online: true),
                ],
                messages: [
                    ChatMessage(sender: alice, sent: at(1), text: "Hello, world!"),
                    ChatMessage(sender: bob, sent: at(2), text: "hi alice"),
                ]), at: at(2))
        return model
    }

    func compose(_ model: ChatModel, editor: LineEditor = LineEditor(), columns: Int = 80, rows: Int = 12) -> ScreenFrame {
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        return composer.compose(model: model, editor: editor, columns: columns, rows: rows, now: Self.at(3))
    }

    @Test func showsStatusLogSidebarAndInput() {
        var editor = LineEditor()
        editor.apply(.insert("typed text"))
        let frame = compose(Self.chattingModel(), editor: editor)
        let lines = frame.plainTextLines
        #expect(lines[0].contains("● connected"))
        #expect(lines[0].contains("quickstart-chat @ localhost:3000"))
        #expect(lines[0].contains("you: alice"))
        #expect(lines[0].hasSuffix("2/2 online"))
        #expect(lines.contains { $0.hasPrefix("12:01 alice Hello, world!") })
        #expect(lines.contains { $0.hasPrefix("12:02 bob   hi alice") })
        #expect(lines.contains { $0.contains("│ ● alice *") })
        #expect(lines.contains { $0.contains("│ ● bob") })
        #expect(lines[11] == "> typed text")
        #expect(frame.cursor?.row == 11)
        #expect(frame.cursor?.column == 12)
    }

    /// The status bar at shrinking widths: the place is shortened then dropped, then the own name;
    /// the state and the online count stay until the state itself must be cut.
    @Test(arguments: [
        (100, " ● connected  quickstart-chat @ 127.0.0.1:39111   you: c2004a1ccfa5f706                  2/3 online "),
        (80, " ● connected  quickstart-chat @ 127.0.0.1…   you: c2004a1ccfa5f706   2/3 online "),
        (60, " ● connected   you: c2004a1ccfa5f706             2/3 online "),
        (30, " ● connected       2/3 online "),
        (12, " ● connected"),
        (6, " ● co…"),
    ])
    func statusBarKeepsWhatMattersMost(width: Int, expected: String) {
        let text = ChatScreenComposer.statusText(
            state: "● connected", place: "quickstart-chat @ 127.0.0.1:39111", you: "you: c2004a1ccfa5f706",
            online: "2/3 online", width: width)
        #expect(text == expected)
        #expect(TerminalWidth.width(of: text) == width)
    }

    @Test func anEmptyChatSaysWhatToDoUntilTheFirstMessage() {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connected(identity: Self.alice, connectionID: ConnectionId(7)), at: Self.at(0))
        _ = model.apply(.initialRowsApplied(users: [ChatUser(identity: Self.alice, name: "alice", online: true)], messages: []), at: Self.at(0))
        let empty = compose(model, columns: 40, rows: 8).plainTextLines
        // Wrapped to the log's width, ending just above the input line.
        let text = empty.joined(separator: " ")
        #expect(text.contains("No messages yet.") && text.contains("/help"), "\(empty)")
        #expect(empty[6].hasPrefix("commands."), "\(empty)")
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.alice, sent: Self.at(1), text: "first")), at: Self.at(1))
        let chatting = compose(model, columns: 40, rows: 8).plainTextLines
        #expect(!chatting.joined().contains("No messages yet"), "\(chatting)")
        #expect(chatting.contains { $0.contains("first") })
    }

    /// Another user saying our name is drawn bold in the accent colour; our own words and messages
    /// that do not name us are not. A rename moves the highlight to the new name.
    @Test func messagesThatMentionUsStandOut() {
        var model = Self.chattingModel()
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(3), text: "lunch, alice?")), at: Self.at(3))
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(3), text: "and you, al?")), at: Self.at(3))
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.alice, sent: Self.at(3), text: "note to self, alice")), at: Self.at(3))
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        func style(of text: String, in model: ChatModel) -> ScreenStyle? {
            let frame = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: Self.at(4))
            return frame.lines.joined().first { $0.text.hasPrefix(text) }?.style
        }
        let highlighted = ScreenStyle(color: .accent, bold: true)
        #expect(style(of: "lunch, alice?", in: model) == highlighted)
        #expect(style(of: "and you, al?", in: model) == .plain)
        #expect(style(of: "note to self", in: model) == .plain)
        _ = model.apply(.userUpdated(old: ChatUser(identity: Self.alice, name: "alice", online: true),
                                     new: ChatUser(identity: Self.alice, name: "al", online: true)), at: Self.at(4))
        #expect(style(of: "lunch, alice?", in: model) == .plain)
        #expect(style(of: "and you, al?", in: model) == highlighted)
    }

    @Test func wrapsLongMessagesUnderTheirTextColumn() {
        var model = Self.chattingModel()
        let long = Array(repeating: "wrapping", count: 12).joined(separator: " ")
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(3), text: long)), at: Self.at(3))
        let frame = compose(model, columns: 60, rows: 14)
        let logWidth = (ScreenLayout.compute(columns: 60, rows: 14, sidebarWanted: true, longestNameWidth: 7).regions?.messageLog.width) ?? 0
        let body = frame.plainTextLines.filter { $0.contains("wrapping") }
        #expect(body.count >= 3)
        #expect(body[0].hasPrefix("12:03 bob   wrapping"))
        for line in body.dropFirst() {
            #expect(line.hasPrefix(String(repeating: " ", count: 12) + "wrapping"))
        }
        for line in frame.plainTextLines.dropFirst().dropLast() {
            let logPart = line.split(separator: "│", maxSplits: 1).first.map(String.init) ?? line
            #expect(TerminalWidth.width(of: logPart.trimmingCharacters(in: .whitespaces)) <= logWidth)
        }
    }

    @Test func escapeSequencesFromTheNetworkStayInert() {
        var model = Self.chattingModel()
        let attack = "\u{1b}[2J\u{1b}]0;pwned\u{07}clear"
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(3), text: attack)), at: Self.at(3))
        let frame = compose(model)
        for row in frame.lines {
            for span in row {
                #expect(!span.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value) })
            }
        }
        #expect(frame.plainText.contains("clear"))
    }

    @Test func tinyTerminalsShowANoteAndNeverCrash() {
        let model = Self.chattingModel()
        for columns in 0..<25 {
            for rows in 0..<8 {
                let frame = compose(model, columns: columns, rows: rows)
                #expect(frame.lines.count == rows)
                for line in frame.plainTextLines { #expect(TerminalWidth.width(of: line) <= columns) }
            }
        }
        #expect(compose(model, columns: 19, rows: 5).plainText.contains("terminal"))
    }

    @Test func scrolledUpShowsTheNewMessagesBar() {
        var model = Self.chattingModel()
        for minute in 3..<40 {
            _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(Int64(minute)), text: "line \(minute)")), at: Self.at(Int64(minute)))
        }
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        let width = composer.layout(columns: 80, rows: 12, model: model).regions?.messageLog.width ?? 0
        let snapshot = model
        model.pageUp(pageSize: 9) { composer.lineCount(of: $0, in: snapshot, width: width) }
        _ = model.apply(.messageInserted(ChatMessage(sender: Self.bob, sent: Self.at(50), text: "fresh")), at: Self.at(50))
        let frame = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: Self.at(50))
        #expect(frame.plainTextLines[10].contains("1 new message below · End to jump"))
        #expect(!frame.plainText.contains("fresh"))
    }

    /// A model with 40 messages: more than a 12-row screen shows.
    static func longModel() -> ChatModel {
        var model = chattingModel()
        for minute in 3..<40 {
            _ = model.apply(.messageInserted(ChatMessage(sender: bob, sent: at(Int64(minute)), text: "line \(minute)")), at: at(Int64(minute)))
        }
        return model
    }

    /// Scrolled to the top, the "more below" bar takes the log's bottom row: the first line of the
    /// log (the day rule, then the first message) must still be on the top row, whichever way the
    /// reader got there (Ctrl-Home, PgUp, or lines at a time).
    @Test(arguments: ["top", "pages", "lines"])
    func theTopOfTheLogStaysInViewAboveTheBar(way: String) {
        var model = Self.longModel()
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        let regions = composer.layout(columns: 80, rows: 12, model: model).regions
        let width = regions?.messageLog.width ?? 0
        let height = regions?.messageLog.height ?? 0
        for _ in 0..<40 {
            let snapshot = model
            let count: (Int) -> Int = { composer.lineCount(of: $0, in: snapshot, width: width) }
            switch way {
            case "top": model.scrollToTop(viewHeight: height, lineCount: count)
            case "pages": model.pageUp(pageSize: height, lineCount: count)
            default: model.scroll(byLines: -1, viewHeight: height, lineCount: count)
            }
        }
        let lines = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: Self.at(50)).plainTextLines
        #expect(lines[1].hasPrefix("── 2025-11-29 ──"), "the day rule on the top row:\n\(lines.joined(separator: "\n"))")
        #expect(lines[2].hasPrefix("12:01 alice Hello, world!"))
        #expect(lines[10].contains("more below"))
    }
}
