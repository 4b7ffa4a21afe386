/// A rectangle of terminal cells: top-left corner (column, row) and size, never negative.
public struct ScreenRect: Hashable, Sendable {
    /// Leftmost column (0-based).
    public var column: Int
    /// Top row (0-based).
    public var row: Int
    /// Columns covered.
    public var width: Int
    /// Rows covered.
    public var height: Int

    /// Creates a rectangle; negative values are clamped to 0.
    public init(column: Int, row: Int, width: Int, height: Int) {
        self.column = max(0, column)
        self.row = max(0, row)
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One past the rightmost column.
    public var endColumn: Int {
        column + width
    }

    /// One past the bottom row.
    public var endRow: Int {
        row + height
    }

    /// Whether the rectangle covers no cell.
    public var isEmpty: Bool {
        width == 0 || height == 0
    }
}
