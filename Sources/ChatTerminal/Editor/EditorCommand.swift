/// An edit the line editor can perform; `KeyBinding` maps keys to these.
public enum EditorCommand: Equatable, Sendable {
    /// Insert typed or pasted text at the cursor.
    case insert(String)
    /// Move one grapheme cluster left.
    case moveLeft
    /// Move one grapheme cluster right.
    case moveRight
    /// Move to the start of the previous word.
    case moveWordLeft
    /// Move to the end of the next word.
    case moveWordRight
    /// Move to the start of the line (of the draft when already there).
    case moveToStart
    /// Move to the end of the line (of the draft when already there).
    case moveToEnd
    /// Delete the cluster before the cursor.
    case deleteBackward
    /// Delete the cluster under the cursor.
    case deleteForward
    /// Delete the word before the cursor into the kill buffer.
    case deleteWordBackward
    /// Delete to the end of the next word into the kill buffer.
    case deleteWordForward
    /// Delete from the start of the line to the cursor into the kill buffer (at a line's start: the break before it).
    case killToStart
    /// Delete from the cursor to the end of the line into the kill buffer (at a line's end: the break after it).
    case killToEnd
    /// Insert the kill buffer at the cursor.
    case yank
    /// Recall the previous submitted line.
    case historyPrevious
    /// Recall the next submitted line, or the draft after the newest one.
    case historyNext
    /// ↑: move to the line above in a multi-line draft; on its first line, recall the previous submitted text.
    case moveLineUp
    /// ↓: move to the line below in a multi-line draft; on its last line, recall the next submitted text.
    case moveLineDown
}
