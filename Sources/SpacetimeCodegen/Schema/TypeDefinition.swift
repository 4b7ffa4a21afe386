/// A name for a typespace entry (`RawTypeDefV9`).
public struct TypeDefinition: Hashable, Sendable {
    /// Enclosing namespaces, outermost first; usually empty.
    public var scope: [String]
    /// The type's own name, e.g. `User`.
    public var name: String
    /// The typespace index it names.
    public var ref: Int
    /// Whether the module declared a custom ordering.
    public var customOrdering: Bool

    /// Creates a type definition.
    public init(scope: [String] = [], name: String, ref: Int, customOrdering: Bool = true) {
        self.scope = scope
        self.name = name
        self.ref = ref
        self.customOrdering = customOrdering
    }

    /// `scope` and `name` joined with `::`, for messages.
    public var qualifiedName: String { (scope + [name]).joined(separator: "::") }
}
