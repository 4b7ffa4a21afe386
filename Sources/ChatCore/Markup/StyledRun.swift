/// A run of message text with the markup styles that apply to all of it.
///
/// The text is the decoded text (entities resolved, tags removed), not yet sanitized for a
/// terminal: whoever draws it sanitizes it, so escape sequences stay inert whatever the markup said.
public struct StyledRun: Hashable, Sendable {
    /// The decoded text.
    public var text: String
    /// The styles for all of `text`.
    public var attributes: MarkupAttributes

    /// Creates a run.
    public init(_ text: String, _ attributes: MarkupAttributes = []) {
        self.text = text
        self.attributes = attributes
    }
}
