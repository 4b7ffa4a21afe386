import ChatCore

/// What the composer draws for mentions and unread messages: the "new messages below" bar's text
/// and the `── new ──` rule before the unread marker's entry.
extension ChatScreenComposer {
    /// The bar's text while scrolled up: ` 12 new messages below · 2 mention you · End to jump `.
    static func barLabel(unread: Int, mentions: Int, key: String) -> String {
        guard unread > 0 else { return " more below · \(key) to jump " }
        let messages = "\(unread) new message\(unread == 1 ? "" : "s") below"
        let mentioning = mentions > 0 ? " · \(mentions) mention\(mentions == 1 ? "s" : "") you" : ""
        return " \(messages)\(mentioning) · \(key) to jump "
    }

    /// The rule drawn as the first line of the unread marker's entry: `── new ───…` across the log
    /// (`-- new ---` under `--ascii`, where every `─` is drawn as `-`).
    func unreadRule(width: Int) -> [ScreenSpan] {
        let label = "── new "
        let text = TerminalWidth.width(of: label) <= width
            ? label + String(repeating: "─", count: width - TerminalWidth.width(of: label))
            : TextWrapper.truncate(label, toWidth: width)
        return [ScreenSpan(column: 0, text: text, style: ScreenStyle(color: .accent))]
    }
}
