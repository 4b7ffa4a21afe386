/// A colour role on the screen. The painter maps roles to what the terminal can show
/// (256, 16 or 8 colours, or none with `NO_COLOR`), always over the default background.
public enum ScreenColor: Hashable, Sendable {
    /// The terminal's default foreground.
    case normal
    /// One of ``senderPaletteSize`` sender colours, chosen by a stable hash of the identity.
    case sender(Int)
    /// Notices: joins, leaves, renames, help, hints.
    case notice
    /// Errors: failed sends, connection failures.
    case error
    /// The status bar.
    case status
    /// Online presence markers.
    case online
    /// Offline presence markers and other quiet text (separators, timestamps).
    case muted
    /// Highlights such as the "new messages below" bar.
    case accent
    /// `<code>` in a message.
    case code

    /// How many distinct sender colours the palette offers.
    public static let senderPaletteSize = 12
}
