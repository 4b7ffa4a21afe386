/// Splits the terminal into status bar, message log, optional sidebar and input line.
///
/// ```
/// row 0          status bar (full width)
/// rows 1…rows-2  message log │ sidebar
/// row rows-1     input line (full width)
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
    public static func compute(
        columns: Int, rows: Int, sidebarWanted: Bool, longestNameWidth: Int
    ) -> ScreenLayout {
        guard columns >= minimumColumns, rows >= minimumRows else {
            return .tooSmall(columns: max(0, columns), rows: max(0, rows))
        }
        let statusBar = ScreenRect(column: 0, row: 0, width: columns, height: 1)
        let inputLine = ScreenRect(column: 0, row: rows - 1, width: columns, height: 1)
        let logRows = rows - 2
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
