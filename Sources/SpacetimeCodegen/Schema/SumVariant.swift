/// One variant of a sum type; its index in the sum is its BSATN tag.
public struct SumVariant: Hashable, Sendable {
    /// The variant name; nil when the module did not name it.
    public var name: String?
    /// The payload type; the empty product for a unit variant.
    public var type: AlgebraicType

    /// Creates a variant.
    public init(name: String?, type: AlgebraicType) {
        self.name = name
        self.type = type
    }
}
