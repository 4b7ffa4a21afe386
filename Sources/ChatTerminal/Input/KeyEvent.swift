/// One input event decoded from the terminal's bytes.
public enum KeyEvent: Hashable, Sendable {
    /// Printable text typed (one or more clusters; consecutive typing within one read is merged).
    case text(String)
    /// A special key or a Ctrl/Alt chord, with its modifiers.
    case key(Key, KeyModifiers)
    /// Everything between bracketed-paste markers, as one event (never contains the markers).
    case paste(String)
    /// The terminal gained (true, `CSI I`) or lost (false, `CSI O`) the focus; reported while focus
    /// reporting (`CSI ? 1004 h`) is on.
    case focus(Bool)
    /// A mouse report (only when mouse reporting is on, `--mouse`).
    case mouse(MouseEvent)
}

extension KeyEvent {
    /// A key with no modifiers.
    public static func key(_ key: Key) -> KeyEvent {
        .key(key, [])
    }

    /// Ctrl plus a lowercase letter or symbol.
    public static func control(_ character: Character) -> KeyEvent {
        .key(.character(character), .control)
    }

    /// Alt plus a character.
    public static func alt(_ character: Character) -> KeyEvent {
        .key(.character(character), .alt)
    }
}
