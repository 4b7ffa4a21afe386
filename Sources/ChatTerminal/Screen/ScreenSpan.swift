/// A run of already-sanitized text placed at a column of a screen row.
public struct ScreenSpan: Hashable, Sendable {
    /// The first column of the run.
    public var column: Int
    /// The text: sanitized (no control characters) and known to fit the columns it was laid out for.
    public var text: String
    /// How the run is drawn.
    public var style: ScreenStyle

    /// Creates a span.
    public init(column: Int, text: String, style: ScreenStyle = .plain) {
        self.column = column
        self.text = text
        self.style = style
    }
}
