/// Splits the terminal into status bar, message log, optional sidebar and input line.
///
/// ```
/// row 0          status bar (full width)
/// rows 1…rows-k-1  message log │ sidebar
/// last k rows      input area (full width; k from `InputAreaHeight`, 1 for a one-line draft)
/// ```
/// The sidebar is as wide as the longest name plus its marker (`" ● name"`), clamped to
/// `sidebarWidthRange` and to a third of the screen, and is left out when the terminal has fewer than
/// `sidebarMinimumColumns` columns. Terminals smaller than `minimumColumns` × `minimumRows`
/// (including 0×0 and negative sizes) get `.tooSmall`, for which the painter shows a short note.
public enum ScreenLayout: Hashable, Sendable {
    /// Too small for the chat screen.
    case tooSmall(columns: Int, rows: Int)
    /// The chat screen's regions.
    case regular(ScreenRegions)

    /// Narrowest terminal laid out normally.
    public static let minimumColumns = 20
    /// Shortest terminal laid out normally (status, 3 log rows, input).
    public static let minimumRows = 5
    /// Narrowest terminal that still shows the sidebar.
    public static let sidebarMinimumColumns = 50
    /// Smallest and largest sidebar width, separator not included.
    public static let sidebarWidthRange = 10...24
    /// Columns a sidebar entry needs besides the name: a space, the `●`/`○` marker and a space.
    public static let sidebarDecorationWidth = 3

    /// The layout for a terminal of `columns` × `rows`.
    /// - Parameters:
    ///   - sidebarWanted: whether the user wants the sidebar (toggled by `/users`).
    ///   - longestNameWidth: display width of the longest name the sidebar lists.
    ///   - inputLines: lines in the draft; the input area grows with them (see `InputAreaHeight`).
    public static func compute(
        columns: Int, rows: Int, sidebarWanted: Bool, longestNameWidth: Int, inputLines: Int = 1
    ) -> ScreenLayout {
        guard columns >= minimumColumns, rows >= minimumRows else {
            return .tooSmall(columns: max(0, columns), rows: max(0, rows))
        }
        let statusBar = ScreenRect(column: 0, row: 0, width: columns, height: 1)
        let inputRows = InputAreaHeight.rows(lineCount: inputLines, terminalRows: rows)
        let inputLine = ScreenRect(column: 0, row: rows - inputRows, width: columns, height: inputRows)
        let logRows = rows - 1 - inputRows
        guard sidebarWanted, columns >= sidebarMinimumColumns else {
            let log = ScreenRect(column: 0, row: 1, width: columns, height: logRows)
            return .regular(
                ScreenRegions(
                    statusBar: statusBar, messageLog: log, separator: nil, sidebar: nil, inputLine: inputLine))
        }
        let nameWidth = min(max(0, longestNameWidth), sidebarWidthRange.upperBound)
        let wanted = nameWidth + sidebarDecorationWidth
        let upper = min(sidebarWidthRange.upperBound, columns / 3)
        let sidebarWidth = max(sidebarWidthRange.lowerBound, min(wanted, upper))
        let logWidth = columns - sidebarWidth - 1
        let log = ScreenRect(column: 0, row: 1, width: logWidth, height: logRows)
        let separator = ScreenRect(column: logWidth, row: 1, width: 1, height: logRows)
        let sidebar = ScreenRect(column: logWidth + 1, row: 1, width: sidebarWidth, height: logRows)
        return .regular(
            ScreenRegions(
                statusBar: statusBar, messageLog: log, separator: separator, sidebar: sidebar,
                inputLine: inputLine))
    }

    /// The regions, or nil when the terminal is too small.
    public var regions: ScreenRegions? {
        if case .regular(let regions) = self {
            return regions
        }
        return nil
    }
}
