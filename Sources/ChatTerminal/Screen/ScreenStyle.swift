import ChatCore

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
    /// Italic text (`<i>`; terminals without italics show it plain).
    public var italic: Bool

    /// Creates a style.
    public init(color: ScreenColor = .normal, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false, italic: Bool = false) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.italic = italic
    }

    /// Plain text in the default colour.
    public static let plain = ScreenStyle()
}

extension ScreenStyle {
    /// This style with message markup on top: attributes add up, `<code>` takes its own colour
    /// unless the text already has a role colour, and strikethrough (which curses cannot draw) shows dim.
    public func applying(_ markup: MarkupAttributes) -> ScreenStyle {
        var style = self
        if markup.contains(.bold) { style.bold = true }
        if markup.contains(.italic) { style.italic = true }
        if markup.contains(.underline) { style.underline = true }
        if markup.contains(.dim) || markup.contains(.strikethrough) { style.dim = true }
        if markup.contains(.code), style.color == .normal { style.color = .code }
        return style
    }
}
