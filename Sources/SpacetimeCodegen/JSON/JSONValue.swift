/// A parsed JSON value that keeps numbers as their source text and objects in source order.
///
/// Schema JSON carries `u128`/`i128` values that a `Double` would round, and error messages are easier
/// to follow when object members keep their order, so this does not go through `JSONSerialization`.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as written in the source.
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; members in source order.
    case object([JSONMember])

    /// The JSON kind, for error messages ("object", "array", ...).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
