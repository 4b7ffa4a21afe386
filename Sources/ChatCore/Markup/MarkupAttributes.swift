/// The styles a run of message markup asks for; several can hold at once when tags nest.
public struct MarkupAttributes: OptionSet, Hashable, Sendable {
    /// The raw bit set.
    public let rawValue: UInt8

    /// Creates a set from raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// `<b>`, `<strong>`.
    public static let bold = MarkupAttributes(rawValue: 1 << 0)
    /// `<i>`, `<em>`.
    public static let italic = MarkupAttributes(rawValue: 1 << 1)
    /// `<u>`, link text, plain URLs.
    public static let underline = MarkupAttributes(rawValue: 1 << 2)
    /// `<s>`, `<del>`.
    public static let strikethrough = MarkupAttributes(rawValue: 1 << 3)
    /// `<code>`: drawn in its own colour.
    public static let code = MarkupAttributes(rawValue: 1 << 4)
    /// The URL shown after a link's text.
    public static let dim = MarkupAttributes(rawValue: 1 << 5)
}
