/// Column widths of text exactly as ncurses (glibc `wcwidth`, C.UTF-8) and tmux 3.3 draw its display form.
///
/// Widths are defined for the *display form* that `TerminalSanitizer` produces, because only that form
/// is drawn the same way by glibc/ncurses, tmux 3.3a and modern terminals (see `TerminalSanitizer`):
/// East Asian Wide/Fullwidth and emoji-presentation scalars take 2 columns, combining marks and
/// zero-width format characters 0, everything else 1. A grapheme cluster's width is the sum over
/// its display scalars, which is how ncurses lays cells out (one cell per spacing scalar, marks
/// attached to the cell before them). So `width(of: "漢")` is 2, `"e\u{301}"` is 1, `"🇯🇵"` is 2
/// (two 1-column regional indicators that the terminal joins), `"❤️"` is 1 (drawn as text `❤`),
/// `"👩‍💻"` is 4 (drawn as `👩💻`), `"\u{1B}"` is 1 (drawn as `␛`).
public enum TerminalWidth {
    /// The newest Unicode version whose characters the width table knows (glibc 2.36 ships 14.0).
    public static let unicodeVersion: Unicode.Version = (major: 14, minor: 0)

    /// Columns a grapheme cluster occupies once sanitised and drawn.
    public static func width(of character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            return 1
        }
        var total = 0
        TerminalSanitizer.forEachDisplayScalar(of: character) { total += columns(of: $0) }
        return total
    }

    /// Columns a whole single-line string occupies once sanitised (line breaks count as `⏎`).
    ///
    /// Equals the width of `TerminalSanitizer.sanitize(text)`; the clusters are measured in context,
    /// because a cluster's display form can depend on the scalar drawn before it.
    public static func width(of text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text.utf8.count
        }
        var total = 0
        var previous: Unicode.Scalar?
        for character in text {
            if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                total += 1
                previous = Unicode.Scalar(ascii)
                continue
            }
            TerminalSanitizer.forEachDisplayScalar(of: character, after: &previous) { total += columns(of: $0) }
        }
        return total
    }

    /// Columns one display-form scalar takes: 0, 1 or 2, as glibc 2.36's `wcwidth` in C.UTF-8 says.
    ///
    /// Control characters answer 0 because they never reach the screen (the sanitiser replaces them).
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F {
            return value >= 0x20 ? 1 : 0
        }
        if value < 0xA0 {
            return 0
        }
        if let columns = commonScalarColumns(value) {
            return columns
        }
        return generalColumns(of: scalar)
    }

    /// Width of scalars in the busiest blocks, all assigned by Unicode 14 and free of zero-width ones:
    /// Latin-1 to spacing modifiers, kana, CJK ideographs, Hangul syllables, fullwidth forms and the
    /// main emoji blocks. Lets the hot paths skip Unicode property lookups; nil for everything else.
    /// (`TerminalWidthTests` checks these ranges against the general rule.)
    @inline(__always)
    static func commonScalarColumns(_ value: UInt32) -> Int? {
        switch value {
        case 0xA0...0x2FF:
            return 1
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF60:
            return 2
        case 0x1F300...0x1F64F, 0x1F680...0x1F6D7, 0x1F900...0x1F9FF:
            return EastAsianWideRanges.contains(value) ? 2 : 1
        default:
            return nil
        }
    }

    /// The general rule behind `columns(of:)`, without the fast paths.
    static func generalColumns(of scalar: Unicode.Scalar) -> Int {
        if scalar.value == 0xAD {
            return 1  // SOFT HYPHEN: glibc draws it (format character, but width 1).
        }
        if isZeroWidth(scalar) {
            return 0
        }
        return EastAsianWideRanges.contains(scalar.value) ? 2 : 1
    }

    /// Whether glibc gives the scalar width 0: marks, format characters, Hangul medial/final jamo.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // U+1171E AHOM CONSONANT SIGN MEDIAL RA was a nonspacing mark in Unicode 14 (newer data says Mc).
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) || value == 0x1171E {
            return true
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return true
        case .format:
            return !isPrependedConcatenationMark(value)
        default:
            return false
        }
    }

    /// Prepended concatenation marks (Arabic number signs etc.) are format characters glibc draws 1 wide.
    private static func isPrependedConcatenationMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            return true
        default:
            return false
        }
    }

    /// Whether the scalar is assigned in `unicodeVersion` or earlier (else glibc reports -1 for it).
    static func isKnown(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.generalCategory == .unassigned {
            return false
        }
        guard let age = properties.age else {
            return false
        }
        if age.major != unicodeVersion.major {
            return age.major < unicodeVersion.major
        }
        return age.minor <= unicodeVersion.minor
    }
}
