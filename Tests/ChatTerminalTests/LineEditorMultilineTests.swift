import Testing

@testable import ChatTerminal

/// The multi-line draft: Alt-Enter breaks, ↑/↓ between lines before history, the rows the input shows.
@Suite("LineEditor lines")
struct LineEditorMultilineTests {
    static func run(_ commands: [EditorCommand], history: [String] = []) -> LineEditor {
        var editor = LineEditor()
        for line in history {
            editor.apply(.insert(line))
            _ = editor.submit()
        }
        for command in commands {
            editor.apply(command)
        }
        return editor
    }

    /// (name, commands, history, text, cursor, cursor line)
    static let table: [(String, [EditorCommand], [String], String, Int, Int)] = [
        ("one line", [.insert("abc")], [], "abc", 3, 0),
        ("alt-enter breaks", [.insert("ab"), .insert("\n"), .insert("cd")], [], "ab\ncd", 5, 1),
        ("up keeps the column", [.insert("abcd\nxy"), .moveLeft, .moveLineUp], [], "abcd\nxy", 1, 0),
        ("up to a shorter line lands at its end", [.insert("ab\nwxyz"), .moveLineUp], [], "ab\nwxyz", 2, 0),
        ("goal column survives a short line", [.insert("abcd\nx\nwxyz"), .moveLineUp, .moveLineUp], [], "abcd\nx\nwxyz", 4, 0),
        ("goal column on the way down", [.insert("abcd\nx\nwxyz"), .moveLineUp, .moveLineUp, .moveLineDown, .moveLineDown], [], "abcd\nx\nwxyz", 11, 2),
        ("another command forgets the goal", [.insert("abcd\nx\nwxyz"), .moveLineUp, .moveLineUp, .moveLeft, .moveLineDown, .moveLineDown], [], "abcd\nx\nwxyz", 10, 2),
        ("down inside the draft", [.insert("ab\ncd"), .moveToStart, .moveLineDown], [], "ab\ncd", 3, 1),
        ("up on the first line recalls history", [.insert("ab\ncd"), .moveLineUp, .moveLineUp], ["old"], "old", 3, 0),
        ("down on the last line goes back to the draft", [.insert("ab\ncd"), .moveLineUp, .moveLineUp, .moveLineDown], ["old"], "ab\ncd", 5, 1),
        ("recalled multi-line entry: up moves inside it", [.moveLineUp, .moveLineUp], ["l1\nl2\nl3"], "l1\nl2\nl3", 5, 1),
        ("history command skips the lines", [.insert("a\nb"), .historyPrevious], ["old"], "old", 3, 0),
        ("up with no history and one line does nothing", [.insert("abc"), .moveLeft, .moveLineUp], [], "abc", 2, 0),
        ("wide characters: column counted in cells", [.insert("漢字x\nabcde"), .moveLeft, .moveLineUp], [], "漢字x\nabcde", 2, 0),
        ("wide character straddling the goal: before it", [.insert("a漢字\nabc"), .moveLeft, .moveLineUp], [], "a漢字\nabc", 1, 0),
        ("delete the break joins the lines", [.insert("ab\ncd"), .moveLineUp, .deleteForward], [], "abcd", 2, 0),
        ("home goes to the line's start, then the draft's", [.insert("ab\ncd"), .moveToStart], [], "ab\ncd", 3, 1),
        ("home twice", [.insert("ab\ncd"), .moveToStart, .moveToStart], [], "ab\ncd", 0, 0),
        ("end goes to the line's end, then the draft's", [.insert("ab\ncd"), .moveToStart, .moveToStart, .moveToEnd], [], "ab\ncd", 2, 0),
        ("end twice", [.insert("ab\ncd"), .moveToStart, .moveToStart, .moveToEnd, .moveToEnd], [], "ab\ncd", 5, 1),
        ("ctrl-k kills to the line's end", [.insert("ab\ncd"), .moveLineUp, .moveLeft, .killToEnd], [], "a\ncd", 1, 0),
        ("ctrl-k at a line's end joins", [.insert("ab\ncd"), .moveLineUp, .killToEnd], [], "abcd", 2, 0),
        ("ctrl-k at the draft's end does nothing", [.insert("ab\ncd"), .killToEnd], [], "ab\ncd", 5, 1),
        ("ctrl-u kills to the line's start", [.insert("ab\ncd"), .killToStart], [], "ab\n", 3, 1),
        ("ctrl-u at a line's start joins", [.insert("ab\ncd"), .moveToStart, .killToStart], [], "abcd", 2, 0),
        ("ctrl-u then yank puts it back", [.insert("ab\ncd"), .killToStart, .yank], [], "ab\ncd", 5, 1),
        ("empty lines count", [.insert("\n\n")], [], "\n\n", 2, 2),
        ("CRLF paste breaks once", [.insert("a\r\nb")], [], "a\nb", 3, 1),
        ("break typed between a letter and a combining mark", [.insert("e\u{301}"), .moveLeft, .insert("\n")], [], "\ne\u{301}", 1, 1),
    ]

    @Test("editing table", arguments: table)
    func editing(_ sample: (String, [EditorCommand], [String], String, Int, Int)) {
        let editor = Self.run(sample.1, history: sample.2)
        #expect(editor.text == sample.3, "\(sample.0)")
        #expect(editor.cursor == sample.4, "\(sample.0)")
        #expect(editor.cursorLine == sample.5, "\(sample.0)")
        #expect(editor.lineCount == editor.text.split(separator: "\n", omittingEmptySubsequences: false).count, "\(sample.0)")
    }

    @Test("a blank draft (Alt-Enter alone) is not kept in the history")
    func blankDraftsAreNotRecalled() {
        var editor = LineEditor()
        editor.apply(.insert("kept"))
        _ = editor.submit()
        for blank in ["\n", " \n ", "\n\n"] {
            editor.apply(.insert(blank))
            _ = editor.submit()
        }
        #expect(editor.history.entries == ["kept"])
    }

    /// (name, text, cursor moves left, rows, expected rows' text, cursor row, first line)
    static let views: [(String, String, Int, Int, [String], Int, Int)] = [
        ("one line", "hello", 0, 5, ["hello"], 0, 0),
        ("three lines fit", "a\nb\nc", 0, 5, ["a", "b", "c"], 2, 0),
        ("empty last line", "a\n", 0, 3, ["a", ""], 1, 0),
        ("more lines than rows: the end shows", "1\n2\n3\n4\n5\n6\n7", 0, 3, ["5", "6", "7"], 2, 4),
        ("cursor near the top", "1\n2\n3\n4\n5\n6\n7", 12, 3, ["1", "2", "3"], 0, 0),
        ("one row follows the cursor", "1\n2\n3", 2, 1, ["2"], 0, 1),
        ("a long line scrolls sideways only on the cursor's row", "0123456789abc\nxy", 0, 2, ["0123456789", "xy"], 1, 0),
    ]

    @Test("visible rows", arguments: views)
    func visibleRows(_ sample: (String, String, Int, Int, [String], Int, Int)) {
        var editor = LineEditor()
        editor.apply(.insert(sample.1))
        for _ in 0..<sample.2 { editor.apply(.moveLeft) }
        let view = editor.visibleLines(width: 10, rows: sample.3)
        #expect(view.rows.map(\.text) == sample.4, "\(sample.0)")
        #expect(view.cursorRow == sample.5, "\(sample.0)")
        #expect(view.firstLine == sample.6, "\(sample.0)")
        #expect(view.rows.count <= sample.3)
    }

    @Test("the cursor's row scrolls to the cursor; the others show their start")
    func cursorRowScrolls() {
        var editor = LineEditor()
        editor.apply(.insert("short\n0123456789abcdefghij"))
        let view = editor.visibleLines(width: 10, rows: 2)
        #expect(view.rows[0].text == "short")
        #expect(view.rows[1].clippedLeft)
        #expect(view.rows[1].text.hasSuffix("hij"))
        #expect(view.rows[1].cursorColumn < 10)
        #expect(!view.hiddenAbove && !view.hiddenBelow)
    }

    /// Random edits keep the break index equal to a fresh scan of the text.
    @Test("the line index follows random edits")
    func lineIndexFollowsEdits() {
        var generator = SeededGenerator(seed: 13)
        let pieces = ["a", "\n", "漢", "e\u{301}", "\r\n", "👍🏽", " ", "\u{301}"]
        let commands: [EditorCommand] = [
            .moveLeft, .moveRight, .moveLineUp, .moveLineDown, .deleteBackward, .deleteForward,
            .deleteWordBackward, .killToEnd, .killToStart, .yank, .moveToStart, .moveToEnd, .moveWordLeft,
        ]
        var editor = LineEditor()
        for _ in 0..<2_000 {
            if Bool.random(using: &generator) {
                editor.apply(.insert(pieces.randomElement(using: &generator) ?? "a"))
            } else {
                editor.apply(commands.randomElement(using: &generator) ?? .moveLeft)
            }
            var fresh = LineBreakIndex()
            fresh.reindex(editor.characters)
            #expect(editor.breaks == fresh)
            #expect(editor.cursor >= 0 && editor.cursor <= editor.characters.count)
            let view = editor.visibleLines(width: 7, rows: 3)
            #expect(view.rows.count == min(3, editor.lineCount))
            #expect(view.rows.allSatisfy { $0.width <= 7 })
        }
    }
}
