import Glibc
import Testing

@testable import ChatTerminal

@Suite("TerminalWidth")
struct TerminalWidthTests {
    static let clusters: [(String, Int, String)] = [
        ("a", 1, "ASCII"),
        ("漢", 2, "CJK ideograph"),
        ("か", 2, "hiragana"),
        ("Ａ", 2, "fullwidth Latin"),
        ("ｱ", 1, "halfwidth katakana"),
        ("é", 1, "precomposed"),
        ("e\u{301}", 1, "base + combining acute"),
        ("z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", 1, "Zalgo stack"),
        ("\u{1100}\u{1161}\u{11A8}", 2, "conjoining Hangul jamo"),
        ("😀", 2, "Emoji_Presentation"),
        ("⌚", 2, "Emoji_Presentation in BMP"),
        ("❤", 1, "text-default emoji"),
        ("❤️", 1, "text-default + VS16 is drawn as text (glibc, tmux 3.3a)"),
        ("#️⃣", 1, "keycap: # + VS16 + U+20E3"),
        ("👩‍💻", 4, "ZWJ sequence drawn as its two emoji"),
        ("👨‍👩‍👧", 6, "family ZWJ sequence drawn as three emoji"),
        ("👍🏻", 2, "skin-tone modifier dropped"),
        ("🏻", 2, "lone skin-tone modifier"),
        ("🇯🇵", 2, "regional indicator pair"),
        ("🇯", 1, "lone regional indicator (glibc 1)"),
        ("🏴󠁧󠁢󠁥󠁮󠁧󠁿", 2, "tag sequence drawn as the black flag"),
        ("\u{1FAE8}", 1, "Unicode 15 emoji unknown to glibc 2.36 → �"),
        ("\u{1B}", 1, "ESC → ␛"),
        ("\u{00}", 1, "NUL → ␀"),
        ("\u{7F}", 1, "DEL → ␡"),
        ("\u{85}", 1, "C1 NEL → �"),
        ("\u{202E}", 1, "RLO → �"),
        ("\t", 4, "tab → 4 spaces"),
        ("\n", 1, "line break → ⏎ on one line"),
        ("\r\n", 1, "CRLF → ⏎"),
        ("\u{200B}", 0, "zero-width space dropped"),
        ("\u{301}", 1, "lone combining mark on ◌"),
        ("\u{AD}", 1, "soft hyphen (glibc 1)"),
        ("\u{E000}", 1, "private use"),
    ]

    @Test("cluster widths", arguments: clusters)
    func clusterWidth(_ sample: (String, Int, String)) {
        let (text, expected, _) = sample
        var total = 0
        for character in text {
            total += TerminalWidth.width(of: character)
        }
        #expect(total == expected, "\(sample.2)")
    }

    @Test("string widths")
    func stringWidths() {
        #expect(TerminalWidth.width(of: "漢字abc") == 7)
        #expect(TerminalWidth.width(of: "a\nb") == 3)
        #expect(TerminalWidth.width(of: "") == 0)
        #expect(TerminalWidth.width(of: "🇯🇵🇫🇷") == 4)
        #expect(TerminalWidth.width(of: "\u{1B}[2J") == 4)
    }

    @Test("width of a cluster equals the columns of its display form")
    func widthMatchesDisplayForm() {
        var generator = SeededGenerator(seed: 7)
        for sample in TextSamples.tricky + (0..<300).map({ _ in TextSamples.random(length: 12, using: &generator) }) {
            for character in sample {
                let display = TerminalSanitizer.displayForm(of: character)
                let columns = display.unicodeScalars.reduce(0) { $0 + TerminalWidth.columns(of: $1) }
                #expect(TerminalWidth.width(of: character) == columns)
            }
        }
    }

    @Test("string width equals the columns of the sanitised string")
    func stringWidthMatchesSanitized() {
        #expect(TerminalWidth.width(of: "\u{1F44D}\u{200B}\u{1F3FB}") == 3)  // 👍 then � (never 👍🏻)
        var generator = SeededGenerator(seed: 11)
        for sample in TextSamples.tricky + (0..<500).map({ _ in TextSamples.random(length: 16, using: &generator) }) {
            let display = TerminalSanitizer.sanitize(sample)
            let columns = display.unicodeScalars.reduce(0) { $0 + TerminalWidth.columns(of: $1) }
            #expect(TerminalWidth.width(of: sample) == columns, "\(sample.debugDescription)")
            #expect(TerminalWidth.width(of: display) == columns, "\(sample.debugDescription)")
        }
    }

    /// The table must agree with the `wcwidth` ncurses will use, for every scalar the sanitiser keeps.
    @Test("scalar columns agree with glibc wcwidth in C.UTF-8")
    func agreesWithGlibc() throws {
        // glibc hides `wcwidth` behind _XOPEN_SOURCE, so the Glibc module doesn't export it: look it up.
        typealias WCWidth = @convention(c) (Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "wcwidth") else {
            Issue.record("wcwidth not found in the C library")
            return
        }
        let wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
        guard let locale = newlocale(Int32(1) << LC_CTYPE, "C.UTF-8", nil) else {
            Issue.record("C.UTF-8 locale is not installed")
            return
        }
        let previous = uselocale(locale)
        defer {
            _ = uselocale(previous)
            freelocale(locale)
        }
        var mismatches: [String] = []
        var checked = 0
        for value in UInt32(0x20)...UInt32(0x10FFFF) {
            guard let scalar = Unicode.Scalar(value), value != 0x7F, !(0x80...0x9F).contains(value),
                value != 0x2028, value != 0x2029, TerminalWidth.isKnown(scalar)
            else {
                continue
            }
            checked += 1
            let ours = TerminalWidth.columns(of: scalar)
            let theirs = Int(wcwidth(Int32(bitPattern: value)))
            if ours != theirs, mismatches.count < 20 {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): ours \(ours), glibc \(theirs)")
            }
        }
        #expect(checked > 140_000)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    /// Cross-check of the range table against the Unicode properties the standard library ships.
    @Test("emoji presentation and East Asian ideographs are 2 columns, marks 0")
    func propertiesCrossCheck() {
        for value in UInt32(0xA0)...UInt32(0x3FFFF) {
            guard let scalar = Unicode.Scalar(value), TerminalWidth.isKnown(scalar) else {
                continue
            }
            let properties = scalar.properties
            if properties.isEmojiPresentation {
                // Regional indicators are Emoji_Presentation but East Asian Width N: glibc draws them 1 wide.
                let expected = (0x1F1E6...0x1F1FF).contains(value) ? 1 : 2
                #expect(TerminalWidth.columns(of: scalar) == expected, "U+\(String(value, radix: 16))")
            }
            if properties.isIdeographic && properties.generalCategory == .otherLetter {
                #expect(TerminalWidth.columns(of: scalar) == 2, "U+\(String(value, radix: 16))")
            }
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                #expect(TerminalWidth.columns(of: scalar) == 0, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test("the fast-path blocks follow the general rule and are all assigned")
    func fastPathBlocks() {
        for value in UInt32(0)...UInt32(0x1FFFF) {
            guard let scalar = Unicode.Scalar(value), let fast = TerminalWidth.commonScalarColumns(value) else {
                continue
            }
            #expect(TerminalWidth.isKnown(scalar), "U+\(String(value, radix: 16))")
            #expect(fast == TerminalWidth.generalColumns(of: scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test("scalars newer than Unicode 14 are unknown")
    func knownScalars() {
        #expect(TerminalWidth.isKnown("a"))
        #expect(TerminalWidth.isKnown("\u{1FAE0}"))  // Unicode 14 melting face
        #expect(!TerminalWidth.isKnown("\u{1FAE8}"))  // Unicode 15 shaking face
        #expect(!TerminalWidth.isKnown("\u{0378}"))  // unassigned
        #expect(!TerminalWidth.isKnown("\u{FFFE}"))  // noncharacter
    }
}
