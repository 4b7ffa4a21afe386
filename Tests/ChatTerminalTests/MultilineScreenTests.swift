import ChatCore
import Foundation
import SpacetimeDB
import Testing

@testable import ChatTerminal

/// Multi-line messages on screen: received ones under one sender, the growing input area.
@Suite struct MultilineScreenTests {
    typealias Base = ChatScreenComposerTests

    func compose(_ model: ChatModel, editor: LineEditor = LineEditor(), columns: Int = 80, rows: Int = 12) -> ScreenFrame {
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        return composer.compose(model: model, editor: editor, columns: columns, rows: rows, now: Base.at(3))
    }

    @Test func aReceivedMultiLineMessageIsSeveralLinesUnderOneSender() {
        var model = Base.chattingModel()
        let text = "first line\nsecond line\n\nfourth after a blank"
        _ = model.apply(.messageInserted(ChatMessage(sender: Base.bob, sent: Base.at(3), text: text)), at: Base.at(3))
        let lines = compose(model).plainTextLines
        guard let first = lines.firstIndex(where: { $0.hasPrefix("12:03 bob   first line") }) else {
            Issue.record("no first line:\n\(lines.joined(separator: "\n"))")
            return
        }
        let indent = String(repeating: " ", count: 12)
        #expect(lines[first + 1].hasPrefix(indent + "second line"))
        #expect(lines[first + 2].split(separator: "│").first.map { $0.allSatisfy(\.isWhitespace) } ?? true)
        #expect(lines[first + 3].hasPrefix(indent + "fourth after a blank"))
        #expect(!lines.joined().contains("⏎"))
        #expect(lines.filter { $0.contains("bob   ") && $0.hasPrefix("12:03") }.count == 1)
    }

    /// CR, U+2028, U+2029, NEL and escape sequences stay visible symbols, never line breaks.
    @Test func otherLineBreaksAndEscapesStayInert() {
        var model = Base.chattingModel()
        let text = "a\rb\u{2028}c\u{2029}d\u{85}e\u{1B}[1Af"
        _ = model.apply(.messageInserted(ChatMessage(sender: Base.bob, sent: Base.at(3), text: text)), at: Base.at(3))
        let lines = compose(model).plainTextLines
        #expect(lines.contains { $0.hasPrefix("12:03 bob   a␍b␤c¶d␤e␛[1Af") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func theInputGrowsWithTheDraftAndTheLogShrinks() {
        let model = Base.chattingModel()
        var editor = LineEditor()
        editor.apply(.insert("one"))
        let before = compose(model, editor: editor).plainTextLines
        editor.apply(.insert("\n"))
        editor.apply(.insert("two"))
        editor.apply(.insert("\n"))
        editor.apply(.insert("three"))
        let frame = compose(model, editor: editor)
        let lines = frame.plainTextLines
        #expect(Array(lines.suffix(3)) == ["> one", "  two", "  three"])
        #expect(frame.cursor?.row == 11)
        #expect(frame.cursor?.column == 7)
        // The newest message moved up by the two rows the input took.
        let newest = { (rows: [String]) in rows.firstIndex { $0.hasPrefix("12:02 bob") } }
        #expect(newest(before).map { $0 - 2 } == newest(lines))
        editor.apply(.moveLineUp)
        #expect(compose(model, editor: editor).cursor?.row == 10)
    }

    @Test func aDraftTallerThanTheAreaScrollsInsideItAndSaysSo() {
        let model = Base.chattingModel()
        var editor = LineEditor()
        editor.apply(.insert((1...8).map { "line \($0)" }.joined(separator: "\n")))
        let lines = compose(model, editor: editor, rows: 24).plainTextLines
        #expect(Array(lines.suffix(5)) == ["↑ line 4", "  line 5", "  line 6", "  line 7", "  line 8"])
        for _ in 0..<7 { editor.apply(.moveLineUp) }
        let top = compose(model, editor: editor, rows: 24).plainTextLines
        #expect(Array(top.suffix(5)) == ["> line 1", "  line 2", "  line 3", "  line 4", "↓ line 5"])
        // The smallest terminal keeps a one-row input; the margin still says more is below.
        let tiny = compose(model, editor: editor, columns: 20, rows: 5)
        #expect(tiny.plainTextLines[4] == "↓ line 1")
        #expect(tiny.cursor?.row == 4)
    }
}
