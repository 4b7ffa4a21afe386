/// A key that is not plain text: editing and movement keys, or a character with Ctrl/Alt.
public enum Key: Hashable, Sendable {
    /// Enter / Return (CR or LF).
    case enter
    /// Tab.
    case tab
    /// Shift-Tab (`ESC[Z`).
    case backTab
    /// Backspace (DEL 0x7F or BS 0x08).
    case backspace
    /// A lone Escape, reported after `KeyDecoder.flush()`.
    case escape
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Insert.
    case insert
    /// Delete (forward).
    case delete
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Function key F1…F12.
    case function(Int)
    /// A character pressed with Ctrl and/or Alt: Ctrl-A is `.character("a")` with `.control`.
    case character(Character)
}
