/// Where each part of the chat screen goes (design §4), for a terminal big enough to use.
public struct ScreenRegions: Hashable, Sendable {
    /// The status bar: the whole top row.
    public var statusBar: ScreenRect
    /// The scrolling message log, under the status bar and left of the sidebar.
    public var messageLog: ScreenRect
    /// The one-column `│` separator between log and sidebar, when the sidebar is shown.
    public var separator: ScreenRect?
    /// The user list on the right, when shown.
    public var sidebar: ScreenRect?
    /// The input area: the whole bottom row, or the bottom rows while the draft has several lines.
    public var inputLine: ScreenRect

    /// Creates regions.
    public init(
        statusBar: ScreenRect, messageLog: ScreenRect, separator: ScreenRect?, sidebar: ScreenRect?,
        inputLine: ScreenRect
    ) {
        self.statusBar = statusBar
        self.messageLog = messageLog
        self.separator = separator
        self.sidebar = sidebar
        self.inputLine = inputLine
    }
}
