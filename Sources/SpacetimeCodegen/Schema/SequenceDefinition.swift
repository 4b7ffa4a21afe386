/// An auto-increment sequence on a column (`RawSequenceDefV9`). Bounds stay as decimal text (i128).
public struct SequenceDefinition: Hashable, Sendable {
    /// The sequence name, if given.
    public var name: String?
    /// The column it fills.
    public var column: Int
    /// The first value, if set.
    public var start: String?
    /// The lower bound, if set.
    public var minValue: String?
    /// The upper bound, if set.
    public var maxValue: String?
    /// The step.
    public var increment: String

    /// Creates a sequence definition.
    public init(
        name: String?, column: Int, start: String? = nil, minValue: String? = nil, maxValue: String? = nil,
        increment: String = "1"
    ) {
        self.name = name
        self.column = column
        self.start = start
        self.minValue = minValue
        self.maxValue = maxValue
        self.increment = increment
    }
}
