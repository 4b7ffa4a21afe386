import Testing

@testable import ChatTerminal

@Suite("LineEditor")
struct LineEditorTests {
    static func run(_ commands: [EditorCommand], on start: LineEditor = LineEditor()) -> LineEditor {
        var editor = start
        for command in commands {
            editor.apply(command)
        }
        return editor
    }

    static let table: [(String, [EditorCommand], String, Int)] = [
        ("insert", [.insert("hello")], "hello", 5),
        ("insert mid-line", [.insert("hello"), .moveLeft, .moveLeft, .insert("X")], "helXlo", 4),
        ("left stops at 0", [.insert("ab"), .moveLeft, .moveLeft, .moveLeft], "ab", 0),
        ("right stops at end", [.insert("ab"), .moveRight], "ab", 2),
        ("graphemes", [.insert("漢字\u{1F469}\u{200D}\u{1F4BB}"), .moveLeft], "漢字\u{1F469}\u{200D}\u{1F4BB}", 2),
        ("combining mark merges", [.insert("e"), .insert("\u{301}")], "e\u{301}", 1),
        ("delete back one cluster", [.insert("ab\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"), .deleteBackward], "ab", 2),
        ("delete back flag", [.insert("x\u{1F1EF}\u{1F1F5}"), .deleteBackward], "x", 1),
        ("delete back at 0", [.insert("ab"), .moveToStart, .deleteBackward], "ab", 0),
        ("delete forward", [.insert("abc"), .moveToStart, .deleteForward], "bc", 0),
        ("delete forward at end", [.insert("abc"), .deleteForward], "abc", 3),
        ("home/end", [.insert("abc"), .moveToStart, .insert(">"), .moveToEnd, .insert("<")], ">abc<", 5),
        ("word left", [.insert("hello world"), .moveWordLeft], "hello world", 6),
        ("word left twice", [.insert("hello world"), .moveWordLeft, .moveWordLeft], "hello world", 0),
        ("word right", [.insert("hello, world"), .moveToStart, .moveWordRight], "hello, world", 5),
        ("word right skips punctuation", [.insert("hello, world"), .moveToStart, .moveWordRight, .moveWordRight], "hello, world", 12),
        ("ctrl-w", [.insert("foo bar baz"), .deleteWordBackward], "foo bar ", 8),
        ("ctrl-w trailing spaces", [.insert("foo bar  "), .deleteWordBackward], "foo ", 4),
        ("ctrl-w keeps punctuation in word", [.insert("see alice.b"), .deleteWordBackward], "see ", 4),
        ("alt-d", [.insert("foo bar"), .moveToStart, .deleteWordForward], " bar", 0),
        ("ctrl-u", [.insert("hello world"), .moveWordLeft, .killToStart], "world", 0),
        ("ctrl-k", [.insert("hello world"), .moveWordLeft, .killToEnd], "hello ", 6),
        ("ctrl-u then yank at end", [.insert("hello world"), .moveWordLeft, .killToStart, .moveToEnd, .yank], "worldhello ", 11),
        ("yank twice", [.insert("ab"), .killToStart, .yank, .yank], "abab", 4),
        ("empty yank", [.yank], "", 0),
        ("paste line breaks normalised", [.insert("a\r\nb\rc\nd")], "a\nb\nc\nd", 7),
    ]

    @Test("editing table", arguments: table)
    func editing(_ sample: (String, [EditorCommand], String, Int)) {
        let editor = Self.run(sample.1)
        #expect(editor.text == sample.2, "\(sample.0)")
        #expect(editor.cursor == sample.3, "\(sample.0)")
        #expect(editor.cursor <= editor.characters.count)
    }

    @Test("kill buffer holds the killed text")
    func killBuffer() {
        #expect(Self.run([.insert("foo bar baz"), .deleteWordBackward]).killBuffer == "baz")
        #expect(Self.run([.insert("hello world"), .moveWordLeft, .killToEnd]).killBuffer == "world")
        #expect(Self.run([.insert("abc"), .deleteBackward]).killBuffer == "")
    }

    @Test("submit returns the text, clears and records history")
    func submit() {
        var editor = Self.run([.insert("one")])
        #expect(editor.submit() == "one")
        #expect(editor.isEmpty)
        #expect(editor.cursor == 0)
        #expect(editor.submit() == "")
        editor.apply(.insert("one"))
        _ = editor.submit()
        #expect(editor.history.entries == ["one"])
    }

    @Test("submit says whether its line became a history entry: not when blank or a repeat of the newest")
    func submitReportsWhetherItRecorded() {
        var editor = LineEditor()
        for (text, recorded) in [("one", true), ("one", false), ("   ", false), ("two", true), ("one", true)] {
            editor.apply(.insert(text))
            _ = editor.submit()
            #expect(editor.lastSubmitWasRecorded == recorded, "\(text)")
        }
        #expect(editor.history.entries == ["one", "two", "one"])
    }

    @Test("history recall keeps the draft")
    func history() {
        var editor = LineEditor()
        for line in ["one", "two"] {
            editor.apply(.insert(line))
            _ = editor.submit()
        }
        editor.apply(.insert("dra"))
        let steps: [(EditorCommand, String)] = [
            (.historyPrevious, "two"), (.historyPrevious, "one"), (.historyPrevious, "one"),
            (.historyNext, "two"), (.historyNext, "dra"), (.historyNext, "dra"),
        ]
        for (command, expected) in steps {
            editor.apply(command)
            #expect(editor.text == expected)
            #expect(editor.cursor == editor.characters.count)
        }
    }

    @Test("an edited recalled line keeps its edit while recall goes on; submitting restores the history")
    func historyKeepsEdits() {
        var editor = LineEditor()
        for line in ["one", "two"] {
            editor.apply(.insert(line))
            _ = editor.submit()
        }
        editor.apply(.historyPrevious)  // two
        editor.apply(.insert("!"))  // two!
        editor.apply(.historyPrevious)  // one
        #expect(editor.text == "one")
        editor.apply(.historyNext)
        #expect(editor.text == "two!")
        editor.apply(.historyNext)
        #expect(editor.text == "")
        editor.apply(.historyPrevious)
        #expect(editor.text == "two!")
        #expect(editor.submit() == "two!")
        // The submitted edit is a new entry; the original stays as it was sent.
        editor.apply(.historyPrevious)
        #expect(editor.text == "two!")
        editor.apply(.historyPrevious)
        #expect(editor.text == "two")
    }

    @Test("history on an empty history does nothing; limit drops the oldest")
    func historyLimit() {
        var editor = LineEditor(historyLimit: 2)
        editor.apply(.insert("draft"))
        editor.apply(.historyPrevious)
        #expect(editor.text == "draft")
        editor.setText("")
        for line in ["a", "b", "c"] {
            editor.apply(.insert(line))
            _ = editor.submit()
        }
        #expect(editor.history.entries == ["b", "c"])
    }

    @Test("tab completion at line start, mid-line, cycling and ending the cycle")
    func completion() {
        let names = ["alice", "bob", "Alfred", "alice"]
        var editor = Self.run([.insert("al")])
        editor.complete(candidates: names)
        #expect(editor.text == "alice: ")
        editor.complete(candidates: names)
        #expect(editor.text == "Alfred: ")
        #expect(editor.cursor == 8)
        editor.complete(candidates: names)
        #expect(editor.text == "alice: ")
        editor.apply(.insert("hi"))
        #expect(editor.text == "alice: hi")
        editor.complete(candidates: names)
        #expect(editor.text == "alice: hi")

        var middle = Self.run([.insert("hey BO")])
        middle.complete(candidates: names)
        #expect(middle.text == "hey bob ")

        var before = Self.run([.insert("x al y"), .moveLeft, .moveLeft])
        before.complete(candidates: names)
        #expect(before.text == "x alice  y")
        #expect(before.cursor == 8)

        var none = Self.run([.insert("zz")])
        none.complete(candidates: names)
        #expect(none.text == "zz")

        var empty = Self.run([.insert("hi ")])
        empty.complete(candidates: names)
        #expect(empty.text == "hi ")

        var wide = Self.run([.insert("漢")])
        wide.complete(candidates: ["漢字さん", "bob"])
        #expect(wide.text == "漢字さん: ")
    }

    @Test("visible slice scrolls in half-field steps and shows the cursor")
    func visibleSliceTable() {
        let short = Self.run([.insert("hello")]).visibleSlice(width: 10)
        #expect(short == VisibleSlice(text: "hello", width: 5, cursorColumn: 5, clippedLeft: false, clippedRight: false))

        let long = Self.run([.insert(String(repeating: "abcde", count: 6))]).visibleSlice(width: 10)
        #expect(long == VisibleSlice(text: "abcde", width: 5, cursorColumn: 5, clippedLeft: true, clippedRight: false))

        let wide = Self.run([.insert("漢漢漢漢漢漢"), .moveToStart]).visibleSlice(width: 5)
        #expect(wide == VisibleSlice(text: "漢漢", width: 4, cursorColumn: 0, clippedLeft: false, clippedRight: true))

        let controls = Self.run([.insert("a\u{1B}b\nc")]).visibleSlice(width: 20)
        #expect(controls.text == "a\u{241B}b\u{23CE}c")
        #expect(controls.cursorColumn == 5)

        let zero = Self.run([.insert("abc")]).visibleSlice(width: 0)
        #expect(zero.text.isEmpty && zero.cursorColumn == 0)
    }

    @Test("visible slice invariants over texts, cursors and widths")
    func visibleSliceInvariants() {
        let texts = ["", "abc", "漢字かな漢字かな漢字", "a\u{1F469}\u{200D}\u{1F4BB}b\u{1F1EF}\u{1F1F5}c漢d e\u{301}",
                     String(repeating: "漢a", count: 20), "x\u{1B}[2J\ty"]
        for text in texts {
            var editor = LineEditor()
            editor.setText(text)
            for position in 0...editor.characters.count {
                editor.apply(.moveToStart)
                for _ in 0..<position {
                    editor.apply(.moveRight)
                }
                for width in 1...24 {
                    let slice = editor.visibleSlice(width: width)
                    #expect(slice.width <= width)
                    #expect(slice.width == TerminalWidth.width(of: slice.text))
                    #expect(slice.cursorColumn >= 0 && slice.cursorColumn < width)
                    #expect(slice.cursorColumn <= slice.width || slice.text.isEmpty)
                    if position < editor.characters.count {
                        let under = editor.characters[position]
                        let underWidth = TerminalWidth.width(of: under)
                        if slice.cursorColumn + underWidth <= width && width >= 2 {
                            // The cluster under the cursor is drawn right at the cursor column.
                            var column = 0
                            var rest = Substring(slice.text)
                            while column < slice.cursorColumn, let first = rest.first {
                                column += TerminalWidth.width(of: first)
                                rest = rest.dropFirst()
                            }
                            #expect(column == slice.cursorColumn)
                            #expect(rest.hasPrefix(TerminalSanitizer.displayForm(of: under)))
                        }
                    }
                }
            }
        }
    }
}
