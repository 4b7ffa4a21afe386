import ChatCore
import Foundation
import SpacetimeDB
import Testing

@testable import ChatTerminal

/// Issue 12, item 3: `LANG=C` must never draw blanks: a UTF-8 locale is found, or ASCII is drawn.
@Suite struct TerminalCharsetTests {
    @Test(arguments: [
        ("café", "caf\\u{e9}"),
        ("中文", "\\u{4e2d}\\u{6587}"),
        ("e\u{301}", "e\\u{301}"),
        ("plain ascii", "plain ascii"),
        ("\u{2400}\u{241B}[2J\u{2421}", "^@^[[2J^?"),
        ("a\u{23CE}b", "a\\nb"),
        ("a\u{2424}b\u{B6}c", "a\\u{2028}b\\u{2029}c"),
        ("\u{FFFD}", "?"),
        ("\u{25CC}\u{301}", "\\u{301}"),
        ("line\nbreak", "line\nbreak"),
    ])
    func transcribesDisplayFormToASCII(display: String, expected: String) {
        #expect(TerminalCharset.ascii.transcribe(display) == expected)
        #expect(TerminalCharset.utf8.transcribe(display) == display)
    }

    @Test func frameSymbolsKeepTheirColumns() {
        let frame = "● ○ ◌ │ ── · … ✗ 漢"
        let ascii = TerminalCharset.asciiFrameText(frame)
        #expect(ascii == "* o ~ | -- . . x ??")
        #expect(TerminalWidth.width(of: ascii) == TerminalWidth.width(of: frame))
    }

    @Test(arguments: [
        ("UTF-8", [String: String](), UTF8LocaleChooser.Choice.environment),
        ("utf8", [:], .environment),
        ("ANSI_X3.4-1968", ["C.UTF-8": "UTF-8"], .fallback("C.UTF-8")),
        ("ANSI_X3.4-1968", ["en_US.UTF-8": "UTF-8"], .fallback("en_US.UTF-8")),
        ("ANSI_X3.4-1968", ["C.UTF-8": "ANSI_X3.4-1968"], .none),
        ("ANSI_X3.4-1968", [:], .none),
    ])
    func choosesALocale(codeset: String, available: [String: String], expected: UTF8LocaleChooser.Choice) {
        let choice = UTF8LocaleChooser.choose(environmentCodeset: codeset) { available[$0] }
        #expect(choice == expected)
        #expect(choice.charset == (expected == .none ? .ascii : .utf8))
    }

    static let alice = Identity(hex: "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975") ?? .zero
    static let bob = Identity(hex: "c200945d7088bdc077a73370304d83026d3dfd58b7ac85579f2300b738a3ec08") ?? .zero
    static let noon = Timestamp(microsecondsSinceUnixEpoch: 1_764_417_600_000_000)

    /// The whole frame in ASCII: nothing blank where text was, the layout unchanged.
    @Test func asciiFrameShowsEveryCharacterAsAnEscapeOrLookAlike() {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connected(identity: Self.alice, connectionID: ConnectionId(7)), at: Self.noon)
        _ = model.apply(.initialRowsApplied(
            users: [ChatUser(identity: Self.alice, name: "zoë", online: true), ChatUser(identity: Self.bob, name: "bob", online: false)],
            messages: [ChatMessage(sender: Self.bob, sent: Self.noon, text: "café 中文 🎉")]), at: Self.noon)
        var editor = LineEditor()
        editor.apply(.insert("naïve"))
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        composer.charset = .ascii
        let frame = composer.compose(model: model, editor: editor, columns: 80, rows: 10, now: Self.noon)
        let text = frame.plainText
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
        #expect(text.contains("caf\\u{e9} \\u{4e2d}\\u{6587} \\u{1f389}"), "\(text)")
        #expect(text.contains("* connected"))
        #expect(text.contains("| * zo\\u{eb} *"), "\(text)")
        #expect(text.contains("| o bob"), "\(text)")
        #expect(text.contains("-- 2025-11-29 ---"), "\(text)")
        #expect(frame.plainTextLines[9] == "> na\\u{ef}ve")
        #expect(frame.cursor?.column == 2 + "na\\u{ef}ve".count)
    }
}
