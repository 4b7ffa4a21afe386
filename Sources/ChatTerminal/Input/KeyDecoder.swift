/// Decodes raw terminal input bytes (as read from stdin in raw mode) into `KeyEvent`s.
///
/// Pure and incremental: bytes may arrive split anywhere, including inside UTF-8 scalars, escape
/// sequences and bracketed pastes; whatever is incomplete is kept for the next `feed`. It never
/// traps on any input. Handled:
/// - UTF-8 text (invalid or truncated sequences become U+FFFD, maximal-subpart rule), merged into
///   one `.text` event per read; CR and LF → Enter, Tab, DEL/BS → Backspace, other C0 → Ctrl-letter.
/// - ESC + key → the key with `.alt`; ESC alone is held until `flush()` makes it `.escape`.
/// - CSI (`ESC[`) and SS3 (`ESC O`) keys: arrows, Home/End in every common form (`ESC[H`, `ESC[F`,
///   `ESC[1~`, `ESC[4~`, `ESC[7~`, `ESC[8~`, `ESCOH`, `ESCOF`), Insert, Delete, PgUp/PgDn, F1–F12,
///   Shift-Tab, and xterm modifiers (`ESC[1;5H` is Ctrl-Home, `ESC[1;3F` Alt-End); a modified Enter
///   as xterm's modifyOtherKeys (`ESC[27;3;13~`) or CSI u (`ESC[13;2u`) sends it.
///   Unknown, private (`ESC[?…`) or overlong sequences are consumed and ignored.
/// - Focus reports: `ESC[I` (focus in) and `ESC[O` (focus out) become `.focus(true/false)`.
/// - SGR mouse reports (`ESC[<b;x;yM`, `…m`) become `.mouse` events (`SGRMouseReport`).
/// - Bracketed paste: `ESC[200~ … ESC[201~` becomes one `.paste` event, however it is split.
///   Pastes are capped at `maxPasteBytes`; bytes beyond are dropped.
///
/// The event loop should call `flush()` when `pending` is `.sequence` and no byte arrived for
/// a short time (about 25 ms), or when it is `.paste` and none arrived for much longer (a second).
public struct KeyDecoder: Sendable {
    /// What the decoder holds that a later byte could still complete.
    public enum Pending: Equatable, Sendable {
        /// Nothing is held.
        case none
        /// A lone ESC, an unfinished escape sequence or an unfinished UTF-8 scalar.
        case sequence
        /// An unfinished bracketed paste.
        case paste
    }

    /// Longest escape sequence accepted; longer ones are skipped to their final byte and ignored.
    public static let maxSequenceLength = 32
    /// Largest paste kept, in bytes.
    public static let maxPasteBytes = 1 << 20

    private enum State: Sendable {
        case ground
        case escape
        case utf8(alt: Bool)
        case csi
        case ss3
        case skipSequence
        case paste
    }

    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    private var state: State = .ground
    private var sequence: [UInt8] = []
    private var utf8Needed = 0
    private var utf8Value: UInt32 = 0
    private var utf8NextRange: ClosedRange<UInt8> = 0x80...0xBF
    private var pasteBytes: [UInt8] = []
    private var pasteEndMatched = 0
    private var text = String.UnicodeScalarView()
    private var events: [KeyEvent] = []

    /// A decoder holding nothing.
    public init() {}

    /// What is held for later bytes; see the type's notes on when to `flush()`.
    public var pending: Pending {
        switch state {
        case .ground:
            return .none
        case .escape, .utf8, .csi, .ss3, .skipSequence:
            return .sequence
        case .paste:
            return .paste
        }
    }

    /// Decodes a chunk of bytes, returning the events it completes, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [KeyEvent] {
        for byte in bytes {
            process(byte)
        }
        flushText()
        return takeEvents()
    }

    /// Gives up waiting: a held ESC becomes `.escape`, `ESC[`/`ESC O` become Alt-[/Alt-O, a partial
    /// UTF-8 scalar becomes U+FFFD, an unfinished paste is delivered as is, partial sequences are dropped.
    public mutating func flush() -> [KeyEvent] {
        switch state {
        case .ground:
            break
        case .escape:
            emit(.key(.escape))
        case .utf8(let alt):
            emitScalar(TerminalSanitizer.replacementScalar, alt: alt)
        case .csi:
            if sequence.isEmpty {
                emit(.key(.character("["), .alt))
            }
        case .ss3:
            if sequence.isEmpty {
                emit(.key(.character("O"), .alt))
            }
        case .skipSequence:
            break
        case .paste:
            pasteBytes.append(contentsOf: Self.pasteEnd[..<pasteEndMatched])
            emit(.paste(String(decoding: pasteBytes, as: UTF8.self)))
            pasteBytes = []
            pasteEndMatched = 0
        }
        state = .ground
        sequence = []
        resetUTF8()
        flushText()
        return takeEvents()
    }

    // MARK: - States

    private mutating func process(_ byte: UInt8) {
        switch state {
        case .ground:
            ground(byte)
        case .escape:
            escape(byte)
        case .utf8(let alt):
            continueUTF8(byte, alt: alt)
        case .csi:
            csi(byte)
        case .ss3:
            ss3(byte)
        case .skipSequence:
            if byte == 0x1B {
                state = .escape
            } else if (0x40...0x7E).contains(byte) || byte < 0x20 {
                state = .ground
            }
        case .paste:
            paste(byte)
        }
    }

    private mutating func ground(_ byte: UInt8) {
        switch byte {
        case 0x1B:
            state = .escape
        case 0x20...0x7E:
            text.append(Unicode.Scalar(byte))
        case 0x80...:
            startUTF8(byte, alt: false)
        default:
            emit(.key(controlKey(byte), controlModifiers(byte)))
        }
    }

    private mutating func escape(_ byte: UInt8) {
        state = .ground
        switch byte {
        case 0x1B:
            emit(.key(.escape))
            state = .escape
        case UInt8(ascii: "["):
            state = .csi
            sequence = []
        case UInt8(ascii: "O"):
            state = .ss3
            sequence = []
        case 0x20...0x7E:
            emit(.key(.character(Character(Unicode.Scalar(byte))), .alt))
        case 0x80...:
            startUTF8(byte, alt: true)
        default:
            emit(.key(controlKey(byte), controlModifiers(byte).union(.alt)))
        }
    }

    private mutating func csi(_ byte: UInt8) {
        switch byte {
        case 0x20...0x3F:
            sequence.append(byte)
            if sequence.count > Self.maxSequenceLength {
                state = .skipSequence
                sequence = []
            }
        case 0x40...0x7E:
            state = .ground
            let parameters = sequence
            sequence = []
            interpretCSI(parameters: parameters, final: byte)
        case 0x1B:
            sequence = []
            state = .escape
        default:
            // A control or non-ASCII byte cannot be inside a CSI sequence: drop it, decode the byte anew.
            sequence = []
            state = .ground
            process(byte)
        }
    }

    private mutating func ss3(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ";"):
            sequence.append(byte)
            if sequence.count > 4 {
                state = .skipSequence
                sequence = []
            }
        case 0x40...0x7E:
            state = .ground
            let modifierValue = Self.parseParameters(sequence).last.flatMap { $0 }
            sequence = []
            let modifiers = Self.modifiers(fromParameter: modifierValue)
            if byte == UInt8(ascii: "M") {
                emit(.key(.enter, modifiers))
            } else if let key = Self.letterKey(byte) {
                emit(.key(key, modifiers))
            }
        case 0x1B:
            sequence = []
            state = .escape
        default:
            sequence = []
            state = .ground
            process(byte)
        }
    }

    private mutating func paste(_ byte: UInt8) {
        let end = Self.pasteEnd
        if byte == end[pasteEndMatched] {
            pasteEndMatched += 1
            if pasteEndMatched == end.count {
                emit(.paste(String(decoding: pasteBytes, as: UTF8.self)))
                pasteBytes = []
                pasteEndMatched = 0
                state = .ground
            }
            return
        }
        // Not the end marker after all: the held bytes were content.
        appendPaste(end[..<pasteEndMatched])
        pasteEndMatched = 0
        if byte == end[0] {
            pasteEndMatched = 1
        } else {
            appendPaste(CollectionOfOne(byte))
        }
    }

    private mutating func appendPaste(_ bytes: some Collection<UInt8>) {
        let room = Self.maxPasteBytes - pasteBytes.count
        if room > 0 {
            pasteBytes.append(contentsOf: bytes.prefix(room))
        }
    }

    // MARK: - Escape sequences

    private mutating func interpretCSI(parameters: [UInt8], final: UInt8) {
        if let first = parameters.first, (0x3C...0x3F).contains(first) {
            if let mouse = SGRMouseReport.parse(parameters: parameters, final: final) { emit(.mouse(mouse)) }
            return  // other private sequences: device attributes…
        }
        if parameters.contains(where: { (0x20...0x2F).contains($0) }) {
            return  // intermediates: not a key
        }
        let values = Self.parseParameters(parameters)
        let first = values.first.flatMap { $0 }
        let modifiers = Self.modifiers(fromParameter: values.count > 1 ? values[1] : nil)
        switch final {
        case UInt8(ascii: "~"):
            guard let code = first else {
                return
            }
            if code == 200 {
                state = .paste
                pasteBytes = []
                pasteEndMatched = 0
                flushText()
                return
            }
            if code == 27, values.count == 3, values[2] == 13 {
                emit(.key(.enter, modifiers))  // modifyOtherKeys: ESC[27;<modifiers>;13~
            } else if let key = Self.tildeKey(code) {
                emit(.key(key, modifiers))
            }
        case UInt8(ascii: "u"):
            if first == 13 { emit(.key(.enter, modifiers)) }  // CSI u: ESC[13;<modifiers>u
        case UInt8(ascii: "Z"):
            emit(.key(.backTab, modifiers.subtracting(.shift)))
        case UInt8(ascii: "I") where values.isEmpty, UInt8(ascii: "O") where values.isEmpty:
            emit(.focus(final == UInt8(ascii: "I")))
        case UInt8(ascii: "R"):
            // `ESC[<row>;<col>R` is a cursor position report, not F3.
            if first == nil || first == 1, let key = Self.letterKey(final) {
                emit(.key(key, modifiers))
            }
        default:
            if let key = Self.letterKey(final) {
                emit(.key(key, modifiers))
            }
        }
    }

    /// `1;5` → [1, 5]; empty fields are nil; sub-parameters after `:` are ignored.
    private static func parseParameters(_ bytes: [UInt8]) -> [Int?] {
        guard !bytes.isEmpty else {
            return []
        }
        return bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
            let main = field.prefix { $0 != UInt8(ascii: ":") }
            guard !main.isEmpty, main.count <= 6, main.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return nil
            }
            return main.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
    }

    /// xterm's modifier parameter: 1 + bits (1 shift, 2 alt, 4 control, 8 meta → alt).
    private static func modifiers(fromParameter parameter: Int?) -> KeyModifiers {
        guard let parameter, parameter >= 2, parameter <= 256 else {
            return []
        }
        let bits = parameter - 1
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 || bits & 8 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return modifiers
    }

    /// Final letters shared by CSI and SS3.
    private static func letterKey(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        default: return nil
        }
    }

    /// `ESC[<code>~` keys (vt220/xterm/rxvt/linux console numbering).
    private static func tildeKey(_ code: Int) -> Key? {
        switch code {
        case 1, 7: return .home
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(code - 10)
        case 17...21: return .function(code - 11)
        case 23, 24: return .function(code - 12)
        default: return nil
        }
    }

    // MARK: - Control bytes

    private func controlKey(_ byte: UInt8) -> Key {
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x00: return .character(" ")
        case 0x01...0x1A: return .character(Character(Unicode.Scalar(byte + 0x60)))
        default: return .character(Character(Unicode.Scalar(byte + 0x40)))  // 0x1C…0x1F: \ ] ^ _
        }
    }

    private func controlModifiers(_ byte: UInt8) -> KeyModifiers {
        switch byte {
        case 0x0D, 0x0A, 0x09, 0x08, 0x7F: return []
        default: return .control
        }
    }

    // MARK: - UTF-8

    private mutating func startUTF8(_ byte: UInt8, alt: Bool) {
        resetUTF8()
        switch byte {
        case 0xC2...0xDF:
            utf8Needed = 1
            utf8Value = UInt32(byte & 0x1F)
        case 0xE0...0xEF:
            utf8Needed = 2
            utf8Value = UInt32(byte & 0x0F)
            utf8NextRange = byte == 0xE0 ? 0xA0...0xBF : byte == 0xED ? 0x80...0x9F : 0x80...0xBF
        case 0xF0...0xF4:
            utf8Needed = 3
            utf8Value = UInt32(byte & 0x07)
            utf8NextRange = byte == 0xF0 ? 0x90...0xBF : byte == 0xF4 ? 0x80...0x8F : 0x80...0xBF
        default:
            emitScalar(TerminalSanitizer.replacementScalar, alt: alt)
            state = .ground
            return
        }
        state = .utf8(alt: alt)
    }

    private mutating func continueUTF8(_ byte: UInt8, alt: Bool) {
        guard utf8NextRange.contains(byte) else {
            // The bytes so far are a maximal invalid subpart: one U+FFFD, then decode `byte` afresh.
            emitScalar(TerminalSanitizer.replacementScalar, alt: alt)
            resetUTF8()
            state = .ground
            process(byte)
            return
        }
        utf8Value = utf8Value << 6 | UInt32(byte & 0x3F)
        utf8Needed -= 1
        utf8NextRange = 0x80...0xBF
        if utf8Needed == 0 {
            emitScalar(Unicode.Scalar(utf8Value) ?? TerminalSanitizer.replacementScalar, alt: alt)
            resetUTF8()
            state = .ground
        }
    }

    private mutating func resetUTF8() {
        utf8Needed = 0
        utf8Value = 0
        utf8NextRange = 0x80...0xBF
    }

    // MARK: - Output

    private mutating func emitScalar(_ scalar: Unicode.Scalar, alt: Bool) {
        if alt {
            emit(.key(.character(Character(scalar)), .alt))
        } else {
            text.append(scalar)
        }
    }

    private mutating func emit(_ event: KeyEvent) {
        flushText()
        events.append(event)
    }

    private mutating func flushText() {
        guard !text.isEmpty else {
            return
        }
        events.append(.text(String(text)))
        text = String.UnicodeScalarView()
    }

    private mutating func takeEvents() -> [KeyEvent] {
        let result = events
        events = []
        return result
    }
}
