import Testing

@testable import ChatTerminal

@Suite("TerminalSanitizer")
struct TerminalSanitizerTests {
    static let singleLine: [(String, String)] = [
        ("plain text", "plain text"),
        ("\u{1B}[2J", "\u{241B}[2J"),
        ("\u{1B}]0;title\u{07}", "\u{241B}]0;title\u{2407}"),
        ("\u{00}\u{01}\u{1F}", "\u{2400}\u{2401}\u{241F}"),
        ("a\u{7F}b", "a\u{2421}b"),
        ("\u{9B}31m\u{85}", "\u{FFFD}31m\u{2424}"),
        ("abc\u{202E}def\u{202C}", "abc\u{FFFD}def\u{FFFD}"),
        ("\u{2066}x\u{2069}", "\u{FFFD}x\u{FFFD}"),
        ("a\u{200E}b\u{200F}c", "abc"),
        ("a\tb", "a    b"),
        ("a\nb", "a\u{23CE}b"),
        ("a\r\nb\rc", "a\u{23CE}b\u{240D}c"),
        ("a\u{2028}b", "a\u{2424}b"),
        ("a\u{2029}b\u{85}c", "a\u{B6}b\u{2424}c"),
        ("👩‍💻", "👩💻"),
        ("👨‍👩‍👧", "👨👩👧"),
        ("❤️", "❤"),
        ("⌚︎", "⌚"),
        ("👍🏻", "👍"),
        ("🏻", "🏻"),
        ("x\u{1F3FB}", "x\u{1F3FB}"),
        ("\u{1F44D}\u{200B}\u{1F3FB}", "\u{1F44D}\u{FFFD}"),
        ("\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}", "\u{1F469}\u{1F4BB}"),
        ("🇯🇵", "🇯🇵"),
        ("🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏴"),
        ("e\u{301}", "e\u{301}"),
        ("\u{301}x", "\u{25CC}\u{301}x"),
        ("z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", "z\u{301}\u{302}\u{303}\u{304}"),
        ("a\u{200B}b\u{FEFF}", "ab"),
        ("\u{1FAE8}", "\u{FFFD}"),
        ("\u{FFFF}", "\u{FFFD}"),
        ("\u{1161}", "\u{FFFD}"),
        ("\u{1161}\u{11A8}", "\u{FFFD}\u{FFFD}"),
        ("\u{1100}\u{1161}\u{11A8}", "\u{1100}\u{1161}\u{11A8}"),
        ("\u{AC00}\u{11A8}", "\u{AC00}\u{11A8}"),
        ("漢字", "漢字"),
    ]

    @Test("single-line display form", arguments: singleLine)
    func sanitizeSingleLine(_ sample: (String, String)) {
        #expect(TerminalSanitizer.sanitize(sample.0) == sample.1)
    }

    @Test("line breaks kept for the wrapper")
    func keepsLineBreaks() {
        // Only LF (and CRLF) break a line; a lone CR, U+2028, U+2029 and NEL from the network are
        // symbols, so a message cannot fake a line of its own (issue 12, item 7).
        #expect(TerminalSanitizer.sanitize("a\r\nb\rc\nd\u{2029}e\u{2028}f\u{85}g", keepingLineBreaks: true)
            == "a\nb\u{240D}c\nd\u{B6}e\u{2424}f\u{2424}g")
        #expect(TerminalSanitizer.sanitize("\u{1B}[1A\n", keepingLineBreaks: true) == "\u{241B}[1A\n")
    }

    /// Nothing that a terminal interprets survives, and sanitising twice changes nothing.
    @Test("no control or bidi scalar survives; idempotent")
    func noControlSurvives() {
        var generator = SeededGenerator(seed: 42)
        let samples = TextSamples.tricky + (0..<2_000).map { _ in
            TextSamples.random(length: Int.random(in: 0...24, using: &generator), using: &generator)
        }
        for sample in samples {
            for keep in [false, true] {
                let clean = TerminalSanitizer.sanitize(sample, keepingLineBreaks: keep)
                for scalar in clean.unicodeScalars {
                    let value = scalar.value
                    let allowedNewline = keep && value == 0x0A
                    #expect(value >= 0x20 || allowedNewline, "\(sample.debugDescription)")
                    #expect(!(0x7F...0x9F).contains(value))
                    #expect(!(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value))
                    #expect(value != 0x200D && value != 0xFE0F && value != 0x2028 && value != 0x2029)
                }
                #expect(TerminalSanitizer.sanitize(clean, keepingLineBreaks: keep) == clean)
            }
        }
    }

    @Test("display form of one cluster")
    func displayFormOfCluster() {
        #expect(TerminalSanitizer.displayForm(of: "\u{1B}") == "\u{241B}")
        #expect(TerminalSanitizer.displayForm(of: "\u{200B}") == "")
        #expect(TerminalSanitizer.displayForm(of: "\r\n") == "\u{23CE}")
        #expect(TerminalSanitizer.isLineBreak("\r\n"))
        #expect(!TerminalSanitizer.isLineBreak("\u{85}"))
    }
}
