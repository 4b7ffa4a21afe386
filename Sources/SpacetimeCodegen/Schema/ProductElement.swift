/// One field of a product type.
public struct ProductElement: Hashable, Sendable {
    /// The field name; nil for tuple-like products.
    public var name: String?
    /// The field's type.
    public var type: AlgebraicType

    /// Creates a field.
    public init(name: String?, type: AlgebraicType) {
        self.name = name
        self.type = type
    }
}
