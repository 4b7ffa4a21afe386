/// How many rows the input area takes: one per line of the draft, up to `maximumRows`, and never
/// more than a third of what the terminal has below the status bar, so the log keeps most of the
/// screen (a 5-row terminal keeps a 1-row input; the draft then scrolls inside it).
public enum InputAreaHeight {
    /// The most rows the input area grows to (gomuks stops at 5 too).
    public static let maximumRows = 5

    /// The input area's rows for a draft of `lineCount` lines on a terminal `terminalRows` tall.
    public static func rows(lineCount: Int, terminalRows: Int) -> Int {
        let cap = min(maximumRows, max(1, (terminalRows - 2) / 3))
        return min(max(1, lineCount), cap)
    }
}
