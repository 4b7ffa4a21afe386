/// Everything one redraw puts on the terminal: rows of positioned spans and where the cursor goes.
///
/// Frames are composed by pure code from the chat model and painted by ``CursesPainter``, the only type
/// that calls curses. Tests inspect frames directly (``plainText``).
public struct ScreenFrame: Hashable, Sendable {
    /// Terminal width in columns.
    public var columns: Int
    /// Terminal height in rows.
    public var rows: Int
    /// The spans of each row, top to bottom; `lines.count == rows`.
    public var lines: [[ScreenSpan]]
    /// Where to leave the cursor (row, column), or nil to hide it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorRow.map { ($0, cursorColumn) } }
        set {
            cursorRow = newValue?.row
            cursorColumn = newValue?.column ?? 0
        }
    }
    private var cursorRow: Int?
    private var cursorColumn: Int = 0

    /// Creates an empty frame of the given size.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        lines = Array(repeating: [], count: self.rows)
    }

    /// Places `text` at (`row`, `column`); rows outside the frame are ignored.
    public mutating func put(_ text: String, row: Int, column: Int, style: ScreenStyle = .plain) {
        guard row >= 0, row < rows, column >= 0, column < columns, !text.isEmpty else { return }
        lines[row].append(ScreenSpan(column: column, text: text, style: style))
    }
}

extension ScreenFrame {
    /// The frame as plain text, one string per row, spans placed at their columns the way a terminal
    /// would draw them (a two-column grapheme covers the next cell); trailing spaces trimmed.
    /// For tests and for logging a screen.
    public var plainTextLines: [String] {
        lines.map { spans in
            var cells = [String](repeating: " ", count: columns)
            for span in spans {
                var column = span.column
                for character in span.text {
                    let width = TerminalWidth.width(of: character)
                    guard column + max(width, 1) <= columns else { break }
                    if width == 0 {
                        if column > 0 { cells[column - 1] += String(character) }
                        continue
                    }
                    cells[column] = String(character)
                    if width == 2 { cells[column + 1] = "" }
                    column += width
                }
            }
            var line = cells.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// ``plainTextLines`` joined with newlines.
    public var plainText: String { plainTextLines.joined(separator: "\n") }
}
