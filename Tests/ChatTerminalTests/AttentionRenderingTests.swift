import ChatCore
import Foundation
import SpacetimeDB
import Testing

@testable import ChatTerminal

/// How mentions and unread messages look: the bar's counts and the `── new ──` rule.
@Suite struct AttentionRenderingTests {
    typealias C = ChatScreenComposerTests

    @Test(arguments: [
        (0, 0, "End", " more below · End to jump "),
        (1, 0, "End", " 1 new message below · End to jump "),
        (12, 0, "End", " 12 new messages below · End to jump "),
        (12, 1, "End", " 12 new messages below · 1 mentions you · End to jump "),
        (12, 2, "Ctrl-End", " 12 new messages below · 2 mention you · Ctrl-End to jump "),
        (1, 1, "End", " 1 new message below · 1 mentions you · End to jump "),
    ])
    func barLabel(unread: Int, mentions: Int, key: String, expected: String) {
        #expect(ChatScreenComposer.barLabel(unread: unread, mentions: mentions, key: key) == expected)
    }

    /// Alice (the model's own user) scrolled up while bob writes; two of his lines name her.
    static func scrolledUpModel(composer: inout ChatScreenComposer) -> ChatModel {
        var model = C.longModel()
        let width = composer.layout(columns: 80, rows: 12, model: model).regions?.messageLog.width ?? 0
        let snapshot = model
        model.pageUp(pageSize: 10) { composer.lineCount(of: $0, in: snapshot, width: width) }
        let fillers = (52..<64).map { ($0, "filler \($0)") }
        for (minute, text) in [(50, "first while away"), (51, "alice, lunch?")] + fillers + [(64, "ALICE!")] {
            _ = model.apply(.messageInserted(ChatMessage(sender: C.bob, sent: C.at(Int64(minute)), text: text)), at: C.at(Int64(minute)))
        }
        return model
    }

    @Test func theBarSaysHowManyMentionYou() {
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        let model = Self.scrolledUpModel(composer: &composer)
        let lines = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: C.at(60)).plainTextLines
        #expect(lines[10].contains("15 new messages below · 2 mention you · End to jump"), "\(lines.joined(separator: "\n"))")
    }

    /// Alt-U brings the rule to the top row; it sits right above the first message that came while
    /// away. Under `--ascii` it is drawn with `-`.
    @Test(arguments: [TerminalCharset.utf8, .ascii])
    func theMarkerRuleAndTheJumpToIt(charset: TerminalCharset) throws {
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        composer.charset = charset
        var model = Self.scrolledUpModel(composer: &composer)
        let regions = try #require(composer.layout(columns: 80, rows: 12, model: model).regions)
        let snapshot = model
        let width = regions.messageLog.width
        let jumped = model.jumpToUnread(viewHeight: regions.messageLog.height) { composer.lineCount(of: $0, in: snapshot, width: width) }
        #expect(jumped)
        let lines = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: C.at(60)).plainTextLines
        let rule = charset == .ascii ? "-- new ---" : "── new ───"
        #expect(lines[1].hasPrefix(rule), "\(lines.joined(separator: "\n"))")
        #expect(lines[2].hasPrefix("12:50 bob   first while away"))
        let ruleEnd = charset == .ascii ? "---" : "───"
        #expect(String(lines[1].prefix(width)).hasSuffix(ruleEnd), "the rule spans the log")
        #expect(lines[10].contains("15 new messages below"), "still scrolled up: the bar stays")
        #expect(lines.filter { $0.hasPrefix(rule) }.count == 1)
    }

    /// When everything after the marker fits, the jump follows the end and the rule shows mid-screen.
    @Test func aJumpToARecentMarkerFollowsTheEnd() throws {
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        var model = C.longModel()
        model.terminalFocusChanged(false)
        _ = model.apply(.messageInserted(ChatMessage(sender: C.bob, sent: C.at(50), text: "while you were out")), at: C.at(50))
        _ = model.apply(.messageInserted(ChatMessage(sender: C.bob, sent: C.at(51), text: "and this")), at: C.at(51))
        let regions = try #require(composer.layout(columns: 80, rows: 12, model: model).regions)
        let snapshot = model
        let width = regions.messageLog.width
        _ = model.jumpToUnread(viewHeight: regions.messageLog.height) { composer.lineCount(of: $0, in: snapshot, width: width) }
        #expect(model.scroll.isFollowing)
        let lines = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: C.at(60)).plainTextLines
        #expect(lines[8].hasPrefix("── new ───"), "\(lines.joined(separator: "\n"))")
        #expect(lines[9].hasPrefix("12:50 bob   while you were out"))
        #expect(lines[10].hasPrefix("12:51 bob   and this"))
    }

    @Test func noRuleBeforeAnythingArrivedWhileAway() {
        let frame = ChatScreenComposerTests().compose(C.longModel())
        #expect(!frame.plainText.contains("── new"))
    }
}
