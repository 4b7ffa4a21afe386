/// Why a module schema could not be read. Every case names where in the document it went wrong,
/// as a JSON path such as `$.typespace.types[3].Product.elements[1].algebraic_type`.
public enum SchemaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not JSON at all.
    case malformedJSON(line: Int, column: Int, reason: String)
    /// An object lacks a field the schema format requires.
    case missingField(path: String, field: String)
    /// A value has the wrong JSON kind, e.g. a string where a number belongs.
    case wrongType(path: String, expected: String, found: String)
    /// A sum-typed value names a variant this format does not have.
    case unknownVariant(path: String, type: String, variant: String, known: [String])
    /// A type reference points outside the typespace.
    case badRef(path: String, ref: Int, typespaceCount: Int)
    /// The value has the right shape but a meaning the generator cannot accept.
    case invalidValue(path: String, reason: String)

    /// The JSON path of the problem (`$` for the whole document).
    public var path: String {
        switch self {
        case .malformedJSON: return "$"
        case .missingField(let path, _), .wrongType(let path, _, _), .unknownVariant(let path, _, _, _),
            .badRef(let path, _, _), .invalidValue(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .malformedJSON(let line, let column, let reason):
            return "schema is not valid JSON (line \(line), column \(column)): \(reason)"
        case .missingField(let path, let field):
            return "\(path): missing field \"\(field)\""
        case .wrongType(let path, let expected, let found):
            return "\(path): expected \(expected), found \(found)"
        case .unknownVariant(let path, let type, let variant, let known):
            return "\(path): unknown \(type) variant \"\(variant)\" (expected one of: \(known.joined(separator: ", ")))"
        case .badRef(let path, let ref, let count):
            return "\(path): type reference \(ref) is out of range (the typespace has \(count) types)"
        case .invalidValue(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
