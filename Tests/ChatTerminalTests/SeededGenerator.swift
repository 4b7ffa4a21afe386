/// A deterministic SplitMix64 generator so fuzz and property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Strings that exercise every text rule at once: CJK, emoji, ZWJ, flags, marks, controls, injections.
enum TextSamples {
    static let tricky: [String] = [
        "Hello, world!",
        "漢字かなカナ 한국어 text",
        "❤️ love ❤ plain",
        "👩‍💻 coder 👨‍👩‍👧 family",
        "🇯🇵🇫🇷 flags 🇯",
        "é vs e\u{301}, Zalgo: z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}a\u{308}\u{309}l",
        "\u{1B}[2J\u{1B}[H cleared?",
        "\u{1B}]0;title\u{07} set title?",
        "bidi \u{202E}txet desrever\u{202C} and \u{2066}isolate\u{2069}",
        "tabs\tand\u{7F}del\u{85}nel\u{9B}31mcsi",
        "line one\nline two\r\nline three\rfour",
        "👍🏻👍🏿 #️⃣ 🏴󠁧󠁢󠁥󠁮󠁧󠁿 \u{1FAE8} new",
        "supercalifragilisticexpialidocious-and-then-some-more-without-any-spaces",
        "a  double  spaced   text    with     runs",
        "\u{301}leading mark, zero\u{200B}width, \u{1161}jamo",
        "Ｆｕｌｌｗｉｄｔｈ ｶﾀｶﾅ",
        "",
        " ",
        "\n\n",
    ]

    /// Scalars a random string is drawn from: ASCII, controls, wide, emoji parts, marks, bidi.
    static let scalarPool: [Unicode.Scalar] = {
        var pool: [Unicode.Scalar] = []
        for value in [0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9B, 0x200B, 0x200D, 0x202E, 0x2066,
                      0x2069, 0xFE0F, 0xFE0E, 0x301, 0x302, 0x20E3, 0x1F3FB, 0x1F1EF, 0x1F1F5, 0x1F469,
                      0x1F4BB, 0x2764, 0x6F22, 0x5B57, 0xFF21, 0xFF71, 0x1100, 0x1161, 0x11A8, 0xE0067,
                      0x1FAE8, 0x2028, 0xAD, 0x3099, 0x1F600, 0x20, 0x20, 0x20] {
            if let scalar = Unicode.Scalar(UInt32(value)) {
                pool.append(scalar)
            }
        }
        for value in UInt32(0x61)...UInt32(0x7A) {
            if let scalar = Unicode.Scalar(value) {
                pool.append(scalar)
            }
        }
        return pool
    }()

    static func random(length: Int, using generator: inout SeededGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            if let scalar = scalarPool.randomElement(using: &generator) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
