/// Why a well-formed schema cannot be turned into Swift bindings. Each case names the JSON path of
/// the schema element at fault.
public enum GenerationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The schema uses a type shape the generator does not support.
    case unsupportedType(path: String, reason: String)
    /// A name has no letters or digits, so no Swift identifier can be made from it.
    case unconvertibleName(path: String, name: String)
    /// Two schema names become the same Swift name in one scope.
    case nameCollision(path: String, scope: String, swiftName: String, names: [String])
    /// A struct would contain itself by value (no array in between), which Swift cannot lay out.
    case recursiveValueType(path: String, cycle: [String])
    /// A table's row type or a named type is not what the generator needs (e.g. not a product).
    case invalidDefinition(path: String, reason: String)

    /// The JSON path of the schema element at fault.
    public var path: String {
        switch self {
        case .unsupportedType(let path, _), .unconvertibleName(let path, _), .nameCollision(let path, _, _, _),
            .recursiveValueType(let path, _), .invalidDefinition(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .unsupportedType(let path, let reason):
            return "\(path): unsupported type: \(reason)"
        case .unconvertibleName(let path, let name):
            return "\(path): the name \"\(name)\" has no letters or digits, so it cannot become a Swift identifier"
        case .nameCollision(let path, let scope, let swiftName, let names):
            let quoted = names.map { "\"\($0)\"" }.joined(separator: " and ")
            return "\(path): \(quoted) both become the Swift name \(swiftName) in \(scope); rename one in the module"
        case .recursiveValueType(let path, let cycle):
            return "\(path): \(cycle.joined(separator: " -> ")) contains itself by value, which a Swift struct "
                + "cannot; put the recursive field in an array or a sum type"
        case .invalidDefinition(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
