/// How a run of text is drawn: a colour role plus attributes.
public struct ScreenStyle: Hashable, Sendable {
    /// The colour role.
    public var color: ScreenColor
    /// Bold text.
    public var bold: Bool
    /// Dim text (pending messages, quiet details).
    public var dim: Bool
    /// Reverse video (the status bar).
    public var reverse: Bool
    /// Underlined text.
    public var underline: Bool

    /// Creates a style.
    public init(color: ScreenColor = .normal, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Plain text in the default colour.
    public static let plain = ScreenStyle()
}
