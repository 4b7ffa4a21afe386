/// Any failure of a generator run from JSON: the schema could not be read, or not turned into Swift.
public enum GeneratorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The schema JSON is malformed, or not a `RawModuleDefV9` or `RawModuleDefV10`.
    case schema(SchemaError)
    /// The schema is valid but uses something the Swift bindings cannot express.
    case generation(GenerationError)

    public var description: String {
        switch self {
        case .schema(let error): return error.description
        case .generation(let error): return error.description
        }
    }
}
