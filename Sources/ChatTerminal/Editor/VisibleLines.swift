/// The rows of a multi-line draft that fit the input area, and where the cursor is among them.
public struct VisibleLines: Equatable, Sendable {
    /// One slice per shown line, top to bottom.
    public var rows: [VisibleSlice]
    /// The row (index into `rows`) the cursor is on.
    public var cursorRow: Int
    /// The draft line shown on the first row.
    public var firstLine: Int
    /// How many lines the draft has.
    public var lineCount: Int

    /// Creates the rows.
    public init(rows: [VisibleSlice], cursorRow: Int, firstLine: Int, lineCount: Int) {
        self.rows = rows
        self.cursorRow = cursorRow
        self.firstLine = firstLine
        self.lineCount = lineCount
    }

    /// Whether lines of the draft are hidden above the first row.
    public var hiddenAbove: Bool { firstLine > 0 }

    /// Whether lines of the draft are hidden below the last row.
    public var hiddenBelow: Bool { firstLine + rows.count < lineCount }
}
