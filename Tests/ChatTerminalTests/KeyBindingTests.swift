import Testing

@testable import ChatTerminal

@Suite("KeyBinding")
struct KeyBindingTests {
    static let table: [(KeyEvent, Bool, KeyAction)] = [
        (.text("hi"), false, .edit(.insert("hi"))),
        (.paste("a\nb"), true, .edit(.insert("a\nb"))),
        (.key(.enter), false, .submit),
        (.key(.tab), false, .complete),
        (.key(.left), false, .edit(.moveLeft)),
        (.key(.right), false, .edit(.moveRight)),
        (.control("b"), false, .edit(.moveLeft)),
        (.control("f"), false, .edit(.moveRight)),
        (.alt("b"), false, .edit(.moveWordLeft)),
        (.alt("f"), false, .edit(.moveWordRight)),
        (.key(.left, .control), false, .edit(.moveWordLeft)),
        (.key(.right, .alt), false, .edit(.moveWordRight)),
        (.key(.home), false, .edit(.moveToStart)),
        (.key(.end), false, .edit(.moveToEnd)),
        (.control("a"), false, .edit(.moveToStart)),
        (.control("e"), false, .edit(.moveToEnd)),
        (.key(.backspace), false, .edit(.deleteBackward)),
        (.key(.backspace, .alt), false, .edit(.deleteWordBackward)),
        (.key(.delete), false, .edit(.deleteForward)),
        (.control("w"), false, .edit(.deleteWordBackward)),
        (.alt("d"), false, .edit(.deleteWordForward)),
        (.control("u"), false, .edit(.killToStart)),
        (.control("k"), false, .edit(.killToEnd)),
        (.control("y"), false, .edit(.yank)),
        (.key(.up), false, .edit(.moveLineUp)),
        (.key(.down), false, .edit(.moveLineDown)),
        (.control("p"), false, .edit(.moveLineUp)),
        (.control("n"), false, .edit(.moveLineDown)),
        (.key(.up, .control), false, .edit(.historyPrevious)),
        (.key(.down, .control), false, .edit(.historyNext)),
        (.key(.up, .alt), false, .edit(.historyPrevious)),
        (.key(.down, .alt), false, .edit(.historyNext)),
        (.alt("p"), false, .edit(.historyPrevious)),
        (.alt("n"), false, .edit(.historyNext)),
        (.key(.enter, .alt), false, .edit(.insert("\n"))),
        (.key(.enter, .alt), true, .edit(.insert("\n"))),
        (.key(.enter, .shift), false, .edit(.insert("\n"))),
        (.key(.enter, .control), false, .edit(.insert("\n"))),
        (.mouse(MouseEvent(action: .wheelUp, column: 5, row: 5)), false, .scrollLines(-3)),
        (.mouse(MouseEvent(action: .wheelDown, column: 5, row: 5)), false, .scrollLines(3)),
        (.mouse(MouseEvent(action: .press(button: 1), column: 5, row: 5)), false, .none),
        (.mouse(MouseEvent(action: .release(button: 1), column: 5, row: 5)), false, .none),
        (.mouse(MouseEvent(action: .wheelLeft, column: 5, row: 5)), false, .none),
        (.key(.pageUp), false, .scrollPageUp),
        (.key(.pageDown), false, .scrollPageDown),
        (.key(.home, .control), false, .scrollToTop),
        (.key(.end, .control), false, .scrollToBottom),
        (.key(.home, .alt), false, .scrollToTop),
        (.key(.end, .alt), false, .scrollToBottom),
        (.control("c"), false, .quit),
        (.control("c"), true, .quit),
        (.control("d"), true, .quit),
        (.control("d"), false, .edit(.deleteForward)),
        (.control("l"), false, .redraw),
        (.key(.function(2)), false, .toggleSidebar),
        (.key(.escape), false, .cancelSearch),
        (.key(.escape, .alt), false, .none),
        (.control("r"), false, .searchOlder),
        (.control("r"), true, .searchOlder),
        (.control("s"), false, .searchNewer),
        (.key(.function(7)), false, .none),
        (.control("z"), false, .none),
        (.alt("x"), false, .none),
        (.alt("u"), false, .jumpToUnread),
        (.alt("U"), true, .jumpToUnread),
        (.control("u"), true, .edit(.killToStart)),
        (.focus(true), false, .focusChanged(true)),
        (.focus(false), true, .focusChanged(false)),
    ]

    @Test("key table", arguments: table)
    func binding(_ sample: (KeyEvent, Bool, KeyAction)) {
        #expect(KeyBinding.action(for: sample.0, editorIsEmpty: sample.1) == sample.2)
    }

    /// Bytes straight from a terminal reach the intended action.
    @Test("decoded bytes to actions")
    func endToEnd() {
        var decoder = KeyDecoder()
        let events = decoder.feed(Array("\u{1B}[1;5H\u{1B}b\u{17}\u{1B}[6~\r".utf8))
        let actions = events.map { KeyBinding.action(for: $0, editorIsEmpty: false) }
        #expect(actions == [.scrollToTop, .edit(.moveWordLeft), .edit(.deleteWordBackward), .scrollPageDown, .submit])
    }

    /// Alt-Enter as terminals send it (ESC CR) inserts a line break; Enter after it still sends;
    /// a wheel report scrolls.
    @Test("Alt-Enter and the wheel from bytes")
    func altEnterAndWheelFromBytes() {
        var decoder = KeyDecoder()
        let events = decoder.feed(Array("a\u{1B}\rb\u{1B}[<64;10;5M\u{1B}[<65;10;5M\r".utf8))
        let actions = events.map { KeyBinding.action(for: $0, editorIsEmpty: false) }
        #expect(actions == [
            .edit(.insert("a")), .edit(.insert("\n")), .edit(.insert("b")), .scrollLines(-3), .scrollLines(3), .submit,
        ])
    }
}
