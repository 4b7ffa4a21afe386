/// Something the model asks the glue to do after `apply` or `submit`; performed in order.
public enum ChatEffect: Hashable, Sendable {
    /// Call the `send_message` reducer with `text`; report the result with `localID`.
    case sendMessage(localID: LocalCallID, text: String)
    /// Call the `set_name` reducer with `name`; report the result with `localID`.
    case setName(localID: LocalCallID, name: String)
    /// Move the refused credentials aside and connect again with no token (a new identity); then
    /// call `ChatModel.startedOverWithNewIdentity(credentialsMovedTo:at:)`.
    case startOverWithNewIdentity
    /// Leave: disconnect cleanly, restore the terminal, exit.
    case quit
    /// Run the history page's one-off query; report with `historyPageLoaded` / `historyPageFailed`.
    case loadHistory(HistoryPageRequest)
    /// Scroll to the unread marker (`/unread`): the glue knows the view's size, so it calls
    /// `ChatModel.jumpToUnread(viewHeight:lineCount:)`.
    case jumpToUnread
}
