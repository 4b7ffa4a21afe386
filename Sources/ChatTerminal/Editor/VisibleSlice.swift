/// The part of the input line that fits the field, and where the cursor is in it.
public struct VisibleSlice: Equatable, Sendable {
    /// Display-form text to draw at the field's first column.
    public var text: String
    /// Columns `text` occupies (at most the field width).
    public var width: Int
    /// Column of the cursor relative to the field's first column (always inside the field).
    public var cursorColumn: Int
    /// Whether text is hidden left of the field.
    public var clippedLeft: Bool
    /// Whether text is hidden right of the field.
    public var clippedRight: Bool

    /// Creates a slice.
    public init(text: String, width: Int, cursorColumn: Int, clippedLeft: Bool, clippedRight: Bool) {
        self.text = text
        self.width = width
        self.cursorColumn = cursorColumn
        self.clippedLeft = clippedLeft
        self.clippedRight = clippedRight
    }
}
