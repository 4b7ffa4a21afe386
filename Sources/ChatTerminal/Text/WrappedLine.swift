/// One screen row of wrapped, sanitised text and how it ended.
public struct WrappedLine: Equatable, Sendable {
    /// How a wrapped line ended, so the original text can be reconstructed (and tests can check it).
    public enum Ending: Equatable, Sendable {
        /// Broken at a space, which belongs to neither line.
        case space
        /// Broken inside a word (or a run without spaces); nothing was removed.
        case hardBreak
        /// The text had a line break here, which belongs to neither line.
        case lineBreak
        /// The last line of the text.
        case end
    }

    /// The display-form text of the row; safe to hand to the terminal.
    public var text: String
    /// Columns `text` occupies; never more than the wrap width.
    public var width: Int
    /// What separated this row from the next.
    public var ending: Ending

    /// Creates a row.
    public init(text: String, width: Int, ending: Ending) {
        self.text = text
        self.width = width
        self.ending = ending
    }
}
