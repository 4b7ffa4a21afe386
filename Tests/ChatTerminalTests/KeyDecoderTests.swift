import Testing

@testable import ChatTerminal

@Suite("KeyDecoder")
struct KeyDecoderTests {
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    static let esc = "\u{1B}"

    static let table: [(String, [UInt8], [KeyEvent])] = [
        ("text", bytes("abc"), [.text("abc")]),
        ("CR", [0x0D], [.key(.enter)]),
        ("LF", [0x0A], [.key(.enter)]),
        ("tab", [0x09], [.key(.tab)]),
        ("DEL", [0x7F], [.key(.backspace)]),
        ("BS", [0x08], [.key(.backspace)]),
        ("ctrl-a", [0x01], [.control("a")]),
        ("ctrl-w", [0x17], [.control("w")]),
        ("ctrl-c", [0x03], [.control("c")]),
        ("ctrl-d", [0x04], [.control("d")]),
        ("ctrl-space", [0x00], [.control(" ")]),
        ("ctrl-_", [0x1F], [.control("_")]),
        ("alt-b", bytes(esc + "b"), [.alt("b")]),
        ("alt-f", bytes(esc + "f"), [.alt("f")]),
        ("alt-backspace", bytes(esc + "\u{7F}"), [.key(.backspace, .alt)]),
        ("alt-enter", bytes(esc + "\r"), [.key(.enter, .alt)]),
        ("alt-é", bytes(esc + "é"), [.alt("é")]),
        ("up", bytes(esc + "[A"), [.key(.up)]),
        ("down", bytes(esc + "[B"), [.key(.down)]),
        ("right", bytes(esc + "[C"), [.key(.right)]),
        ("left", bytes(esc + "[D"), [.key(.left)]),
        ("SS3 up", bytes(esc + "OA"), [.key(.up)]),
        ("SS3 left", bytes(esc + "OD"), [.key(.left)]),
        ("home CSI H", bytes(esc + "[H"), [.key(.home)]),
        ("end CSI F", bytes(esc + "[F"), [.key(.end)]),
        ("home 1~", bytes(esc + "[1~"), [.key(.home)]),
        ("end 4~", bytes(esc + "[4~"), [.key(.end)]),
        ("home 7~", bytes(esc + "[7~"), [.key(.home)]),
        ("end 8~", bytes(esc + "[8~"), [.key(.end)]),
        ("home SS3", bytes(esc + "OH"), [.key(.home)]),
        ("end SS3", bytes(esc + "OF"), [.key(.end)]),
        ("insert", bytes(esc + "[2~"), [.key(.insert)]),
        ("delete", bytes(esc + "[3~"), [.key(.delete)]),
        ("page up", bytes(esc + "[5~"), [.key(.pageUp)]),
        ("page down", bytes(esc + "[6~"), [.key(.pageDown)]),
        ("ctrl-home", bytes(esc + "[1;5H"), [.key(.home, .control)]),
        ("ctrl-end", bytes(esc + "[1;5F"), [.key(.end, .control)]),
        ("alt-home", bytes(esc + "[1;3H"), [.key(.home, .alt)]),
        ("alt-end", bytes(esc + "[1;3F"), [.key(.end, .alt)]),
        ("ctrl-left", bytes(esc + "[1;5D"), [.key(.left, .control)]),
        ("shift-up", bytes(esc + "[1;2A"), [.key(.up, .shift)]),
        ("ctrl-alt-shift-right", bytes(esc + "[1;8C"), [.key(.right, [.shift, .alt, .control])]),
        ("meta-right", bytes(esc + "[1;9C"), [.key(.right, .alt)]),
        ("ctrl-delete", bytes(esc + "[3;5~"), [.key(.delete, .control)]),
        ("ctrl-pgup", bytes(esc + "[5;5~"), [.key(.pageUp, .control)]),
        ("SS3 modifier", bytes(esc + "O5C"), [.key(.right, .control)]),
        ("shift-tab", bytes(esc + "[Z"), [.key(.backTab)]),
        ("F1 SS3", bytes(esc + "OP"), [.key(.function(1))]),
        ("F2 SS3", bytes(esc + "OQ"), [.key(.function(2))]),
        ("ctrl-F1", bytes(esc + "[1;5P"), [.key(.function(1), .control)]),
        ("F5", bytes(esc + "[15~"), [.key(.function(5))]),
        ("F12", bytes(esc + "[24~"), [.key(.function(12))]),
        ("keypad enter", bytes(esc + "OM"), [.key(.enter)]),
        ("UTF-8", bytes("漢字"), [.text("漢字")]),
        ("emoji ZWJ", bytes("\u{1F469}\u{200D}\u{1F4BB}"), [.text("\u{1F469}\u{200D}\u{1F4BB}")]),
        ("invalid lead", [0xFF, 0x61], [.text("\u{FFFD}a")]),
        ("truncated 2-byte", [0xC3, 0x28], [.text("\u{FFFD}(")]),
        ("surrogate", [0xED, 0xA0, 0x80], [.text("\u{FFFD}\u{FFFD}\u{FFFD}")]),
        ("overlong", [0xC0, 0xAF], [.text("\u{FFFD}\u{FFFD}")]),
        ("truncated then ctrl", [0xE6, 0xBC, 0x01], [.text("\u{FFFD}"), .control("a")]),
        ("unknown tilde", bytes(esc + "[99~x"), [.text("x")]),
        ("private DA", bytes(esc + "[?1;2cx"), [.text("x")]),
        ("SGR mouse press", bytes(esc + "[<0;10;20Mx"), [.mouse(MouseEvent(action: .press(button: 1), column: 10, row: 20)), .text("x")]),
        ("SGR mouse release", bytes(esc + "[<2;3;4m"), [.mouse(MouseEvent(action: .release(button: 3), column: 3, row: 4))]),
        ("SGR wheel up", bytes(esc + "[<64;80;24M"), [.mouse(MouseEvent(action: .wheelUp, column: 80, row: 24))]),
        ("SGR wheel down", bytes(esc + "[<65;1;1M"), [.mouse(MouseEvent(action: .wheelDown, column: 1, row: 1))]),
        ("SGR ctrl-shift wheel", bytes(esc + "[<85;2;2M"), [.mouse(MouseEvent(action: .wheelDown, column: 2, row: 2, modifiers: [.shift, .control]))]),
        ("SGR wheel release is not a report", bytes(esc + "[<64;2;2mx"), [.text("x")]),
        ("SGR motion", bytes(esc + "[<35;7;8M"), [.mouse(MouseEvent(action: .motion, column: 7, row: 8))]),
        ("SGR extra button", bytes(esc + "[<128;7;8M"), [.mouse(MouseEvent(action: .press(button: 8), column: 7, row: 8))]),
        ("SGR two fields", bytes(esc + "[<64;10Mx"), [.text("x")]),
        ("SGR four fields", bytes(esc + "[<64;1;1;1Mx"), [.text("x")]),
        ("SGR zero column", bytes(esc + "[<64;0;5Mx"), [.text("x")]),
        ("SGR code past 255", bytes(esc + "[<320;1;1Mx"), [.text("x")]),
        ("SGR empty field", bytes(esc + "[<;1;1Mx"), [.text("x")]),
        ("SGR other final", bytes(esc + "[<64;1;1Hx"), [.text("x")]),
        ("alt-enter (ESC CR)", bytes(esc + "\r"), [.key(.enter, .alt)]),
        ("alt-enter modifyOtherKeys", bytes(esc + "[27;3;13~"), [.key(.enter, .alt)]),
        ("shift-enter modifyOtherKeys", bytes(esc + "[27;2;13~"), [.key(.enter, .shift)]),
        ("other modifyOtherKeys key ignored", bytes(esc + "[27;5;105~x"), [.text("x")]),
        ("shift-enter CSI u", bytes(esc + "[13;2u"), [.key(.enter, .shift)]),
        ("other CSI u ignored", bytes(esc + "[97;5ux"), [.text("x")]),
        ("alt-enter (ESC LF)", bytes(esc + "\n"), [.key(.enter, .alt)]),
        ("cursor report", bytes(esc + "[24;80Rx"), [.text("x")]),
        ("intermediate", bytes(esc + "[1 qx"), [.text("x")]),
        ("overlong CSI", bytes(esc + "[" + String(repeating: "1", count: 100) + "Az"), [.text("z")]),
        ("stray paste end", bytes(esc + "[201~x"), [.text("x")]),
        ("ESC ESC key", bytes(esc + esc + "[A"), [.key(.escape), .key(.up)]),
        ("ESC inside CSI restarts", bytes(esc + "[1;" + esc + "[B"), [.key(.down)]),
        ("control inside CSI", bytes(esc + "[1\r"), [.key(.enter)]),
        ("mixed", bytes("hi" + esc + "[Dx\r"), [.text("hi"), .key(.left), .text("x"), .key(.enter)]),
        ("focus in", bytes(esc + "[I"), [.focus(true)]),
        ("focus out", bytes(esc + "[O"), [.focus(false)]),
        ("focus between text", bytes("a" + esc + "[Ob" + esc + "[Ic"), [.text("a"), .focus(false), .text("b"), .focus(true), .text("c")]),
        ("SS3 O is not focus", bytes(esc + "OOx"), [.text("x")]),
        ("CSI with parameter I is not focus", bytes(esc + "[1Ix"), [.text("x")]),
        ("alt-u", bytes(esc + "u"), [.alt("u")]),
        ("paste", bytes(esc + "[200~hello\nworld" + esc + "[201~"), [.paste("hello\nworld")]),
        ("paste between text", bytes("a" + esc + "[200~p" + esc + "[201~b"), [.text("a"), .paste("p"), .text("b")]),
        ("paste with escapes", bytes(esc + "[200~x" + esc + "[Ay\u{3}" + esc + "[201~"), [.paste("x\u{1B}[Ay\u{3}")]),
        ("paste with near-marker", bytes(esc + "[200~x" + esc + "[2012~" + esc + "[201~"), [.paste("x\u{1B}[2012~")]),
        ("paste with ESC ESC", bytes(esc + "[200~" + esc + esc + "[201~"), [.paste("\u{1B}")]),
        ("paste invalid UTF-8", [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E, 0xFF, 0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E], [.paste("\u{FFFD}")]),
        ("empty paste", bytes(esc + "[200~" + esc + "[201~"), [.paste("")]),
    ]

    /// Adjacent `.text` events merged, so differently split input can be compared.
    static func merged(_ events: [KeyEvent]) -> [KeyEvent] {
        var result: [KeyEvent] = []
        for event in events {
            if case .text(let more) = event, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + more)
            } else {
                result.append(event)
            }
        }
        return result
    }

    @Test("byte table", arguments: table)
    func decode(_ sample: (String, [UInt8], [KeyEvent])) {
        var decoder = KeyDecoder()
        let events = decoder.feed(sample.1)
        #expect(events == sample.2, "\(sample.0)")
        #expect(decoder.pending == .none, "\(sample.0)")
    }

    @Test("byte table, one byte per read", arguments: table)
    func decodeSplit(_ sample: (String, [UInt8], [KeyEvent])) {
        var decoder = KeyDecoder()
        var events: [KeyEvent] = []
        for byte in sample.1 {
            events += decoder.feed([byte])
        }
        #expect(Self.merged(events) == Self.merged(sample.2), "\(sample.0)")
    }

    @Test("byte table, random splits")
    func decodeRandomSplits() {
        var generator = SeededGenerator(seed: 99)
        for sample in Self.table {
            for _ in 0..<20 {
                var decoder = KeyDecoder()
                var events: [KeyEvent] = []
                var rest = sample.1[...]
                while !rest.isEmpty {
                    let size = Int.random(in: 1...max(1, rest.count), using: &generator)
                    events += decoder.feed(rest.prefix(size))
                    rest = rest.dropFirst(size)
                }
                #expect(Self.merged(events) == Self.merged(sample.2), "\(sample.0)")
            }
        }
    }

    @Test("lone ESC is pending until flushed")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.pending == .sequence)
        #expect(decoder.flush() == [.key(.escape)])
        #expect(decoder.pending == .none)
        #expect(decoder.flush().isEmpty)

        #expect(decoder.feed(Self.bytes(Self.esc + Self.esc)) == [.key(.escape)])
        #expect(decoder.flush() == [.key(.escape)])

        #expect(decoder.feed(Self.bytes(Self.esc + "[")).isEmpty)
        #expect(decoder.flush() == [.alt("[")])
        #expect(decoder.feed(Self.bytes(Self.esc + "[1;")).isEmpty)
        #expect(decoder.flush().isEmpty)
        #expect(decoder.feed(Self.bytes("a")) == [.text("a")])
    }

    @Test("partial UTF-8 waits for the next read, or becomes U+FFFD on flush")
    func partialUTF8() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x61, 0xE6]) == [.text("a")])
        #expect(decoder.pending == .sequence)
        #expect(decoder.feed([0xBC, 0xA2]) == [.text("漢")])
        #expect(decoder.pending == .none)
        #expect(decoder.feed([0xF0, 0x9F]).isEmpty)
        #expect(decoder.flush() == [.text("\u{FFFD}")])
    }

    @Test("a paste split over many reads is one event; an unfinished paste flushes")
    func pasteAcrossReads() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Self.bytes(Self.esc + "[20")).isEmpty)
        #expect(decoder.feed(Self.bytes("0~line 1\r\nli")).isEmpty)
        #expect(decoder.pending == .paste)
        #expect(decoder.feed([0xE6, 0xBC]).isEmpty)
        #expect(decoder.feed([0xA2, 0x1B, 0x5B, 0x32]).isEmpty)
        #expect(decoder.feed(Self.bytes("01~!")) == [.paste("line 1\r\nli漢"), .text("!")])

        #expect(decoder.feed(Self.bytes(Self.esc + "[200~abc" + Self.esc + "[2")).isEmpty)
        #expect(decoder.flush() == [.paste("abc\u{1B}[2")])
        #expect(decoder.pending == .none)
    }

    @Test("fuzz: any bytes decode without trapping; text never carries controls")
    func fuzz() {
        var generator = SeededGenerator(seed: 0x5EED)
        let interesting: [UInt8] = [0x1B, 0x1B, 0x5B, 0x5B, 0x4F, 0x31, 0x32, 0x30, 0x3B, 0x7E, 0x3F, 0x3C, 0x41,
                                    0x48, 0x46, 0x7F, 0x0D, 0x09, 0x00, 0xC3, 0xE6, 0xF0, 0x9F, 0x80, 0xBF, 0xFF, 0x61]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...64, using: &generator)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                if Bool.random(using: &generator), let byte = interesting.randomElement(using: &generator) {
                    bytes.append(byte)
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                }
            }
            var decoder = KeyDecoder()
            var events: [KeyEvent] = []
            var rest = bytes[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...8, using: &generator)
                events += decoder.feed(rest.prefix(size))
                rest = rest.dropFirst(size)
            }
            events += decoder.flush()
            #expect(decoder.pending == .none)
            #expect(decoder.flush().isEmpty)
            for event in events {
                switch event {
                case .text(let text):
                    #expect(!text.isEmpty)
                    #expect(text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F })
                case .paste(let text):
                    #expect(!text.contains("\u{1B}[201~"))
                case .key, .focus:
                    break
                case .mouse(let mouse):
                    #expect(mouse.column >= 1 && mouse.row >= 1)
                }
            }
        }
    }

    @Test("text matches Swift's own UTF-8 decoding for printable byte soup")
    func matchesSwiftDecoding() {
        var generator = SeededGenerator(seed: 31337)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 1...40, using: &generator)).map { _ in
                Bool.random(using: &generator)
                    ? UInt8.random(in: 0x80...0xFF, using: &generator) : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            var decoder = KeyDecoder()
            var events = decoder.feed(bytes)
            events += decoder.flush()
            #expect(Self.merged(events) == [.text(String(decoding: bytes, as: UTF8.self))])
        }
    }
}
