/// What the screen may be drawn with: all of Unicode (a UTF-8 locale), or ASCII only.
///
/// ASCII is the fallback when no UTF-8 locale exists (or with `--ascii`): ncurses in a non-UTF-8
/// locale draws every other character as a blank. Text is then drawn so nothing disappears:
///
/// | display form | ASCII |
/// | --- | --- |
/// | printable ASCII, `\n` | unchanged |
/// | control pictures `␀`…`␟`, `␡` | caret notation `^@`…`^_`, `^?` |
/// | `⏎` (a line break in a one-line field) | `\n` |
/// | `␤` (U+2028, NEL), `¶` (U+2029) | `\u{2028}`, `\u{2029}` |
/// | `�` | `?` |
/// | the dotted circle a stray mark is drawn on | dropped (the mark shows as its escape) |
/// | the frame symbols below, `↑`, `↓` | their look-alikes |
/// | anything else | `\u{e9}`-style escapes of each scalar (`café` → `caf\u{e9}`) |
///
/// Frame symbols the composer draws (`●`, `○`, `◌`, `│`, `─`, `·`, `…`, `✗`) become one-column
/// look-alikes (`*`, `o`, `~`, `|`, `-`, `.`, `.`, `x`) in a last pass over the frame, so the layout
/// computed for them still holds.
public enum TerminalCharset: Sendable, Hashable {
    /// Every character, drawn in a UTF-8 locale.
    case utf8
    /// Printable ASCII only.
    case ascii

    /// `display` (already in `TerminalSanitizer`'s display form) as drawn in this charset.
    public func transcribe(_ display: String) -> String {
        guard self == .ascii, !display.utf8.allSatisfy({ $0 < 0x80 }) else { return display }
        var result = String.UnicodeScalarView()
        for scalar in display.unicodeScalars {
            Self.forEachASCIIScalar(transcribing: scalar) { result.append($0) }
        }
        return String(result)
    }

    /// The ASCII scalars one display-form scalar is drawn as (see the type's table).
    static func forEachASCIIScalar(transcribing scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
        let value = scalar.value
        func emit(_ text: String) { for ascii in text.unicodeScalars { body(ascii) } }
        switch value {
        case 0x0A, 0x20..<0x7F:
            body(scalar)
        case 0x2400..<0x2420:
            body("^")
            body(Unicode.Scalar(UInt8(value - 0x2400 + 0x40)))
        case 0x2421:
            emit("^?")
        case UInt32(TerminalSanitizer.lineBreakSymbol.unicodeScalars.first?.value ?? 0x23CE):
            emit("\\n")
        case TerminalSanitizer.lineSeparatorSymbol.value:
            emit("\\u{2028}")
        case TerminalSanitizer.paragraphSeparatorSymbol.value:
            emit("\\u{2029}")
        case TerminalSanitizer.replacementScalar.value:
            body("?")
        case TerminalSanitizer.dottedCircle.value:
            break
        default:
            let symbol = frameSymbol(scalar)
            if symbol != "?" {
                body(symbol)
            } else {
                emit("\\u{" + String(value, radix: 16) + "}")
            }
        }
    }

    /// A frame symbol's one-column ASCII look-alike; `?` for anything else that is not ASCII.
    static func frameSymbol(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x25CF: "*"      // ● online
        case 0x25CB: "o"      // ○ offline
        case 0x25CC: "~"      // ◌ connecting
        case 0x2502: "|"      // │ separator
        case 0x2500: "-"      // ─ rules
        case 0x00B7: "."      // · notice marker, status separators
        case 0x2026: "."      // … ellipsis
        case 0x2717: "x"      // ✗ failed
        case 0x2191: "^"      // ↑ in /help
        case 0x2193: "v"      // ↓ in /help
        default: scalar.isASCII ? scalar : "?"
        }
    }

    /// `text` with each frame symbol replaced by its look-alike: one column each, so nothing moves.
    /// (Text from outside was transcribed before it was measured and is ASCII already.)
    public static func asciiFrameText(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let columns = TerminalWidth.columns(of: scalar)
            guard columns > 0 || scalar.isASCII else { continue }
            let symbol = frameSymbol(scalar)
            result.append(symbol)
            if columns == 2 { result.append(symbol) }
        }
        return String(result)
    }
}
