import Testing

@testable import ChatTerminal

@Suite("TextWrapper")
struct TextWrapperTests {
    typealias Row = (String, WrappedLine.Ending)

    static let table: [(String, Int, [Row])] = [
        ("hello world", 11, [("hello world", .end)]),
        ("hello world", 5, [("hello", .space), ("world", .end)]),
        ("hello world", 8, [("hello", .space), ("world", .end)]),
        ("aaa bbb ccc", 7, [("aaa bbb", .space), ("ccc", .end)]),
        ("abcdefgh", 3, [("abc", .hardBreak), ("def", .hardBreak), ("gh", .end)]),
        ("hi abcdefgh", 4, [("hi", .space), ("abcd", .hardBreak), ("efgh", .end)]),
        ("漢字漢字", 3, [("漢", .hardBreak), ("字", .hardBreak), ("漢", .hardBreak), ("字", .end)]),
        ("漢字漢字", 4, [("漢字", .hardBreak), ("漢字", .end)]),
        ("a漢", 2, [("a", .hardBreak), ("漢", .end)]),
        ("漢", 1, [("\u{FFFD}", .end)]),
        ("a漢b", 1, [("a", .hardBreak), ("\u{FFFD}", .hardBreak), ("b", .end)]),
        ("\u{1100}\u{1100}x", 3, [("\u{FFFD}x", .end)]),  // one 4-column cluster (two initial jamo)
        ("\u{1F1EF}\u{1F1F5}\u{1F1EF}\u{1F1F5}", 3, [("\u{1F1EF}\u{1F1F5}", .hardBreak), ("\u{1F1EF}\u{1F1F5}", .end)]),
        ("e\u{301}e\u{301}e\u{301}", 2, [("e\u{301}e\u{301}", .hardBreak), ("e\u{301}", .end)]),
        ("a\nb", 10, [("a", .lineBreak), ("b", .end)]),
        ("a\r\n\nb", 10, [("a", .lineBreak), ("", .lineBreak), ("b", .end)]),
        ("a\n", 10, [("a", .lineBreak), ("", .end)]),
        ("", 5, [("", .end)]),
        ("a  b", 1, [("a", .space), (" ", .hardBreak), ("b", .end)]),
        ("\u{1B}[2J", 2, [("\u{241B}[", .hardBreak), ("2J", .end)]),
        ("\u{1F469}\u{200D}\u{1F4BB}", 2, [("\u{1F469}", .hardBreak), ("\u{1F4BB}", .end)]),
    ]

    @Test("wrap table", arguments: table)
    func wrapTable(_ sample: (String, Int, [Row])) {
        let lines = TextWrapper.wrap(sample.0, width: sample.1)
        #expect(lines.map(\.text) == sample.2.map(\.0))
        #expect(lines.map(\.ending) == sample.2.map(\.1))
        for line in lines {
            #expect(line.width == TerminalWidth.width(of: line.text))
        }
    }

    @Test("no rows for a zero or negative width")
    func zeroWidth() {
        #expect(TextWrapper.wrap("text", width: 0).isEmpty)
        #expect(TextWrapper.wrap("text", width: -3).isEmpty)
    }

    /// Rejoins rows with what each ending removed: a space, a line break, or nothing.
    static func reconstruct(_ lines: [WrappedLine]) -> String {
        var text = ""
        for line in lines {
            text += line.text
            switch line.ending {
            case .space: text += " "
            case .lineBreak: text += "\n"
            case .hardBreak, .end: break
            }
        }
        return text
    }

    @Test("widths 1…80 never overflow and lose nothing")
    func invariants() {
        var generator = SeededGenerator(seed: 2026)
        let samples = TextSamples.tricky + (0..<60).map { _ in
            TextSamples.random(length: Int.random(in: 0...60, using: &generator), using: &generator)
        }
        for sample in samples {
            let display = TerminalSanitizer.sanitize(sample, keepingLineBreaks: true)
            // Clusters wider than the row are drawn as `�`; anything else must come back unchanged.
            let widestCluster = display.map(TextWrapper.displayWidth(of:)).max() ?? 0
            for width in 1...80 {
                let lines = TextWrapper.wrap(sample, width: width)
                #expect(!lines.isEmpty)
                #expect(lines.last?.ending == .end)
                for line in lines {
                    #expect(line.width <= width, "\(sample.debugDescription) at \(width)")
                    #expect(line.width == TerminalWidth.width(of: line.text))
                    #expect(!line.text.contains("\n"))
                    #expect(line.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
                }
                if width >= widestCluster {
                    #expect(Self.reconstruct(lines) == display, "\(sample.debugDescription) at \(width)")
                }
            }
        }
    }

    @Test("the printable-ASCII fast path wraps exactly like the general path")
    func asciiFastPath() {
        var generator = SeededGenerator(seed: 5)
        let alphabet = Array("ab cd  efghij\n-.,!  ".utf8)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...90, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? UInt8(ascii: " ")
            }
            let text = String(decoding: bytes, as: UTF8.self)
            for width in 1...30 {
                #expect(
                    TextWrapper.wrapPrintableASCII(bytes, width: width) == TextWrapper.wrapDisplayForm(text, width: width),
                    "\(text.debugDescription) at \(width)")
            }
        }
    }

    static let truncations: [(String, Int, String)] = [
        ("alice", 10, "alice"),
        ("alice", 5, "alice"),
        ("alice", 4, "ali\u{2026}"),
        ("alice", 1, "\u{2026}"),
        ("alice", 0, ""),
        ("漢字漢字", 8, "漢字漢字"),
        ("漢字漢字", 7, "漢字漢\u{2026}"),
        ("漢字漢字", 4, "漢\u{2026}"),
        ("ab\ncd", 10, "ab\u{23CE}cd"),
        ("\u{1B}]0;x\u{07}", 10, "\u{241B}]0;x\u{2407}"),
        ("\u{1F469}\u{200D}\u{1F4BB}!", 3, "\u{1F469}\u{2026}"),
    ]

    @Test("truncate with an ellipsis", arguments: truncations)
    func truncate(_ sample: (String, Int, String)) {
        let result = TextWrapper.truncate(sample.0, toWidth: sample.1)
        #expect(result == sample.2)
        #expect(TerminalWidth.width(of: result) <= max(0, sample.1))
    }
}
