import Foundation

/// A JSON value together with its path in the document, with typed accessors that throw
/// ``SchemaError`` naming that path.
public struct JSONNode: Sendable {
    /// The value at this node.
    public let value: JSONValue
    /// Where the value sits, e.g. `$.tables[0].name`.
    public let path: String

    /// Wraps a document's root value (path `$`).
    public init(root: JSONValue) {
        self.init(value: root, path: "$")
    }

    /// Wraps a value found at `path`.
    public init(value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    private func wrongType(_ expected: String) -> SchemaError {
        .wrongType(path: path, expected: expected, found: value.kindName)
    }

    /// The members of an object.
    public func members() throws(SchemaError) -> [JSONMember] {
        guard case .object(let members) = value else { throw wrongType("object") }
        return members
    }

    /// The required field `name` of an object.
    public func field(_ name: String) throws(SchemaError) -> JSONNode {
        guard let node = try optionalField(name) else { throw .missingField(path: path, field: name) }
        return node
    }

    /// The field `name` of an object, or nil when absent.
    public func optionalField(_ name: String) throws(SchemaError) -> JSONNode? {
        let members = try members()
        guard let member = members.first(where: { $0.key == name }) else { return nil }
        return JSONNode(value: member.value, path: path + "." + Self.pathComponent(name))
    }

    /// `.name` for plain keys, `["odd key"]` otherwise, so paths stay unambiguous.
    static func pathComponent(_ key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
        }
        if plain { return key }
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "[\"\(escaped)\"]"
    }

    /// The elements of an array, each with its indexed path.
    public func elements() throws(SchemaError) -> [JSONNode] {
        guard case .array(let elements) = value else { throw wrongType("array") }
        return elements.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]") }
    }

    /// A string.
    public func string() throws(SchemaError) -> String {
        guard case .string(let string) = value else { throw wrongType("string") }
        return string
    }

    /// A boolean.
    public func bool() throws(SchemaError) -> Bool {
        guard case .bool(let bool) = value else { throw wrongType("boolean") }
        return bool
    }

    /// An integer in `range`, written without fraction or exponent.
    public func integer(in range: ClosedRange<Int>, typeName: String) throws(SchemaError) -> Int {
        guard case .number(let text) = value else { throw wrongType("\(typeName) number") }
        guard let int = Int(text), range.contains(int) else {
            throw .invalidValue(path: path, reason: "\(text) is not a valid \(typeName)")
        }
        return int
    }

    /// A `u32` (type references, table indices).
    public func uint32() throws(SchemaError) -> Int {
        try integer(in: 0...Int(UInt32.max), typeName: "u32")
    }

    /// A `u16` (column ids).
    public func uint16() throws(SchemaError) -> Int {
        try integer(in: 0...Int(UInt16.max), typeName: "u16")
    }

    /// An `i128` kept as its decimal text (sequence bounds); nothing here does arithmetic on it.
    public func int128Text() throws(SchemaError) -> String {
        guard case .number(let text) = value else { throw wrongType("i128 number") }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), digits.count <= 39 else {
            throw .invalidValue(path: path, reason: "\(text) is not a valid i128")
        }
        return text
    }

    /// A SATS-JSON sum value `{"Variant": payload}`: the variant name and its payload node.
    ///
    /// `typeName` and `known` only feed error messages; an unknown variant is thrown here.
    public func variant(of typeName: String, known: [String]) throws(SchemaError) -> (name: String, payload: JSONNode) {
        guard case .object = value else { throw wrongType("\(typeName) (an object with one variant key)") }
        let (name, payload) = try anyVariant(of: typeName)
        guard known.contains(name) else {
            throw .unknownVariant(path: path, type: typeName, variant: name, known: known)
        }
        return (name, payload)
    }

    /// A sum value of a type that may grow new variants (`#[non_exhaustive]`): `{"Name": payload}`,
    /// whatever the name; the caller decides what to do with names it does not know.
    public func anyVariant(of typeName: String) throws(SchemaError) -> (name: String, payload: JSONNode) {
        let members = try members()
        guard members.count == 1, let member = members.first else {
            throw .invalidValue(
                path: path, reason: "\(typeName) must have exactly one variant key, found \(members.count)")
        }
        return (member.key, JSONNode(value: member.value, path: path + "." + Self.pathComponent(member.key)))
    }

    /// A unit payload, `[]` (the payload of `{"none": []}` or `{"U32": []}`).
    public func unit() throws(SchemaError) {
        guard case .array(let elements) = value else { throw wrongType("[] (unit)") }
        guard elements.isEmpty else { throw .invalidValue(path: path, reason: "a unit payload must be []") }
    }

    /// A SATS-JSON `Option<T>`: `{"some": x}` or `{"none": []}`; `null` is accepted for none, as SpacetimeDB does.
    public func option<T>(_ decode: (JSONNode) throws(SchemaError) -> T) throws(SchemaError) -> T? {
        if case .null = value { return nil }
        let (name, payload) = try variant(of: "Option", known: ["some", "none"])
        if name == "none" {
            try payload.unit()
            return nil
        }
        return try decode(payload)
    }
}
