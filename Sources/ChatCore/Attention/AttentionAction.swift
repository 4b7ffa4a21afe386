/// What the terminal must do so a mention reaches the reader, as decided by ``AttentionTracker``.
public enum AttentionAction: Hashable, Sendable {
    /// Ring the terminal bell once.
    case ringBell
    /// Save the terminal's own title (xterm's title stack) before the first change.
    case saveTitle
    /// Set the terminal title.
    case setTitle(String)
    /// Put back the title saved by ``saveTitle`` (on exit).
    case restoreTitle
}
