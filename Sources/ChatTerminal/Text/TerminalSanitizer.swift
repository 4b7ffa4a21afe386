/// Turns text from the network or the user into a *display form* that cannot control the terminal
/// and is drawn at the same width by ncurses, tmux 3.3 and modern terminals.
///
/// Per grapheme cluster, each scalar is mapped as follows (all placeholders are 1 column wide):
///
/// | input | shown as | why |
/// | --- | --- | --- |
/// | C0 control U+0000–U+001F (ESC, BEL, …) except tab and line breaks | control picture U+2400+n (ESC → `␛`) | visible, inert |
/// | tab | 4 spaces | tab stops depend on the column the painter starts at |
/// | DEL U+007F | `␡` | visible, inert |
/// | C1 control U+0080–U+009F | `�` | 8-bit CSI/OSC could reach the terminal |
/// | bidi embeddings/overrides/isolates U+202A–U+202E, U+2066–U+2069 | `�` | would reorder the rest of the screen row |
/// | bidi marks U+200E, U+200F, U+061C | dropped | invisible; some terminals reorder on them |
/// | ZWJ U+200D | dropped: `👩‍💻` → `👩💻` (4 columns) | ncurses puts each emoji in its own cell while tmux 3.3 joins them into one 2-column cell, so the joined form can't be drawn consistently |
/// | VS15/VS16 U+FE0E/U+FE0F | dropped: `❤️` → `❤` (1 column) | glibc and tmux 3.3 draw `❤️` 1 wide, newer terminals 2 wide |
/// | skin-tone modifier after an emoji modifier base | dropped: `👍🏻` → `👍` (2 columns); `�` when it starts a new cluster right after a base | ncurses/tmux 3.3 draw 4 columns, newer terminals 2 |
/// | tag characters U+E0000–U+E007F | dropped: `🏴󠁧󠁢󠁥󠁮󠁧󠁿` → `🏴` | same disagreement |
/// | scalar unassigned in Unicode 14.0 (newer emoji, noncharacters) | `�` | glibc 2.36 `wcwidth` says -1; tmux drops it |
/// | cluster that starts with a combining mark | `◌` + the marks | ncurses can't attach a mark to nothing |
/// | Hangul medial/final jamo not following Hangul | `�` | it would draw 0 columns on nothing |
/// | more than 4 marks on one cell (Zalgo) | first 4 kept | ncurses holds at most 4 (CCHARW_MAX 5) |
/// | zero-width format character with no base (ZWSP, WJ, BOM) | dropped | invisible anyway |
/// | line break (LF, CRLF) | `\n` when keeping line breaks, else `⏎` | the wrapper breaks lines at `\n` |
/// | lone CR | `␍` (as the other C0 controls) | a bare CR would let a message fake a line of its own |
/// | LINE SEPARATOR U+2028, NEL U+0085 | `␤` | same: only LF breaks a line |
/// | PARAGRAPH SEPARATOR U+2029 | `¶` | same |
///
/// Everything else passes through unchanged. Sanitising is idempotent.
public enum TerminalSanitizer {
    /// Spaces a tab becomes.
    public static let tabWidth = 4
    /// Combining scalars kept per cell; ncurses stores at most 4 beside the base character.
    public static let maxMarksPerCell = 4
    /// The 1-column symbol that stands for a line break in single-line contexts (names, input line).
    public static let lineBreakSymbol: Character = "\u{23CE}"
    /// The 1-column symbol for scalars that must not or cannot be drawn.
    public static let replacementScalar: Unicode.Scalar = "\u{FFFD}"
    /// The base a stray combining mark is drawn on.
    static let dottedCircle: Unicode.Scalar = "\u{25CC}"

    /// The display form of `text`; line breaks become `\n` if `keepingLineBreaks`, else `⏎`.
    public static func sanitize(_ text: some StringProtocol, keepingLineBreaks: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for character in text {
            if keepingLineBreaks, isLineBreak(character) {
                result.append("\n")
                previous = "\n"
                continue
            }
            forEachDisplayScalar(of: character, after: &previous) { result.append($0) }
        }
        return String(result)
    }

    /// The display form of a single grapheme cluster (line breaks become `⏎`); may be empty.
    public static func displayForm(of character: Character) -> String {
        var result = String.UnicodeScalarView()
        forEachDisplayScalar(of: character) { result.append($0) }
        return String(result)
    }

    /// The 1-column symbol for LINE SEPARATOR and NEL (SYMBOL FOR NEWLINE).
    public static let lineSeparatorSymbol: Unicode.Scalar = "\u{2424}"
    /// The 1-column symbol for PARAGRAPH SEPARATOR (PILCROW SIGN).
    public static let paragraphSeparatorSymbol: Unicode.Scalar = "\u{00B6}"

    /// Whether the cluster is a line break as drawn: LF or CRLF. Text from the network breaks lines
    /// only there; a lone CR, U+2028, U+2029 and NEL are shown as symbols instead.
    public static func isLineBreak(_ character: Character) -> Bool {
        // Compare scalars, not Characters: this runs for every cluster and Character equality is slow.
        let scalars = character.unicodeScalars
        guard let first = scalars.first else {
            return false
        }
        switch first.value {
        case 0x0A:
            return scalars.count == 1
        case 0x0D:
            // CRLF (grapheme clustering never puts anything but LF after a CR).
            return scalars.count == 2
        default:
            return false
        }
    }

    /// Whether a typed or pasted cluster ends a line: LF, CR, CRLF, NEL, LINE SEPARATOR or
    /// PARAGRAPH SEPARATOR. The editor turns each into `\n`, so what we send breaks only at LF.
    public static func isTypedLineBreak(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else {
            return false
        }
        switch first.value {
        case 0x0A, 0x85, 0x2028, 0x2029:
            return scalars.count == 1
        case 0x0D:
            return true
        default:
            return false
        }
    }

    /// Hangul medial vowels and final consonants (width 0 in glibc).
    private static func isConjoiningJamo(_ value: UInt32) -> Bool {
        (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value)
    }

    /// Any Hangul jamo or precomposed syllable that a medial or final jamo may follow.
    private static func isHangul(_ value: UInt32) -> Bool {
        (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xD7B0...0xD7FF).contains(value)
    }

    /// Calls `body` with each scalar of the cluster's display form, in order (see the type's table).
    static func forEachDisplayScalar(of character: Character, _ body: (Unicode.Scalar) -> Void) {
        var previous: Unicode.Scalar?
        forEachDisplayScalar(of: character, after: &previous, body)
    }

    /// Like `forEachDisplayScalar(of:_:)`, given the last scalar drawn before this cluster (updated).
    ///
    /// The context matters for one rule only: a skin-tone modifier must never be drawn right after an
    /// emoji modifier base, or the two would join into one cluster whose width terminals disagree on.
    static func forEachDisplayScalar(
        of character: Character, after previous: inout Unicode.Scalar?, _ body: (Unicode.Scalar) -> Void
    ) {
        if isLineBreak(character) {
            for scalar in lineBreakSymbol.unicodeScalars {
                body(scalar)
            }
            previous = lineBreakSymbol.unicodeScalars.last
            return
        }
        var hasBase = false
        var marksOnCell = 0
        var isFirst = true
        func emitSpacing(_ scalar: Unicode.Scalar) {
            body(scalar)
            previous = scalar
            hasBase = true
            marksOnCell = 0
        }
        for scalar in character.unicodeScalars {
            let wasFirst = isFirst
            isFirst = false
            let value = scalar.value
            switch value {
            case 0x09:
                for _ in 0..<tabWidth {
                    emitSpacing(" ")
                }
                continue
            case 0x00..<0x20:
                emitSpacing(Unicode.Scalar(0x2400 + value) ?? replacementScalar)
                continue
            case 0x7F:
                emitSpacing("\u{2421}")
                continue
            case 0x85:
                emitSpacing(lineSeparatorSymbol)
                continue
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                emitSpacing(replacementScalar)
                continue
            case 0x200D, 0xFE0E, 0xFE0F, 0xE0000...0xE007F, 0x200E, 0x200F, 0x061C:
                continue
            case 0x1F3FB...0x1F3FF where previous?.properties.isEmojiModifierBase == true:
                if wasFirst {
                    emitSpacing(replacementScalar)
                }
                continue
            case 0x2028:
                emitSpacing(lineSeparatorSymbol)
                continue
            case 0x2029:
                emitSpacing(paragraphSeparatorSymbol)
                continue
            default:
                break
            }
            if TerminalWidth.commonScalarColumns(value) != nil {
                emitSpacing(scalar)
                continue
            }
            if !TerminalWidth.isKnown(scalar) {
                emitSpacing(replacementScalar)
                continue
            }
            if TerminalWidth.columns(of: scalar) > 0 {
                emitSpacing(scalar)
                continue
            }
            // A zero-width scalar: attach it to the cell before it, within this cluster only.
            if isConjoiningJamo(value) {
                // Medial/final jamo only join Hangul; alone they would re-cluster differently when redrawn.
                if hasBase, let last = previous, isHangul(last.value) {
                    body(scalar)
                    previous = scalar
                } else {
                    emitSpacing(replacementScalar)
                }
                continue
            }
            if !hasBase {
                switch scalar.properties.generalCategory {
                case .format:
                    continue
                case .nonspacingMark, .enclosingMark:
                    emitSpacing(dottedCircle)
                default:
                    emitSpacing(replacementScalar)
                    continue
                }
            }
            if marksOnCell < maxMarksPerCell {
                body(scalar)
                previous = scalar
                marksOnCell += 1
            }
        }
    }
}
