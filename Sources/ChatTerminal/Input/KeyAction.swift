/// What the event loop should do for a key, as decided by `KeyBinding`.
public enum KeyAction: Equatable, Sendable {
    /// Apply an edit to the input line.
    case edit(EditorCommand)
    /// Send the line or run the command in it (Enter).
    case submit
    /// Complete a user name before the cursor (Tab); the loop supplies the candidates.
    case complete
    /// Scroll the message log up one page.
    case scrollPageUp
    /// Scroll the message log down one page.
    case scrollPageDown
    /// Scroll the message log by this many lines (negative: towards older ones); the mouse wheel.
    case scrollLines(Int)
    /// Jump to the oldest message.
    case scrollToTop
    /// Jump to the newest message and follow new ones again.
    case scrollToBottom
    /// Search older (Ctrl-R): the next older match, or start a search for the input's text.
    case searchOlder
    /// The next newer match of the search (Ctrl-S).
    case searchNewer
    /// End the search and go back to where the view was (Esc).
    case cancelSearch
    /// Show or hide the user sidebar.
    case toggleSidebar
    /// Scroll so the unread marker is on the top row (Alt-U, as in WeeChat).
    case jumpToUnread
    /// The terminal gained (true) or lost (false) the focus.
    case focusChanged(Bool)
    /// Repaint the whole screen (Ctrl-L).
    case redraw
    /// Leave the program cleanly.
    case quit
    /// The key does nothing.
    case none
}
