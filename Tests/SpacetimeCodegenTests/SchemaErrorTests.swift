import Foundation
import Testing

@testable import SpacetimeCodegen

/// Broken schemas fail with the JSON path of the problem, never a crash.
@Suite("Schema errors name their JSON path")
struct SchemaErrorTests {
    /// The quickstart fixture as a mutable JSON object.
    static func quickstart() throws -> [String: Any] {
        let data = try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("quickstart-chat.schema-v9.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func parse(_ object: [String: Any]) throws(SchemaError) -> ModuleSchema {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return try ModuleSchema.parseV9(json: Array(data))
    }

    /// Replaces the value at `path` (keys and indices) in a JSON tree.
    static func replacing(_ value: Any?, at path: [Any], in tree: Any) -> Any {
        guard let first = path.first else { return value as Any }
        let rest = Array(path.dropFirst())
        if let key = first as? String, var object = tree as? [String: Any] {
            if rest.isEmpty, value == nil {
                object.removeValue(forKey: key)
            } else {
                object[key] = replacing(value, at: rest, in: object[key] as Any)
            }
            return object
        }
        if let index = first as? Int, var array = tree as? [Any] {
            array[index] = replacing(value, at: rest, in: array[index])
            return array
        }
        return tree
    }

    static func mutated(_ path: [Any], _ value: Any?) throws -> [String: Any] {
        try #require(replacing(value, at: path, in: try quickstart()) as? [String: Any])
    }

    @Test("missing field")
    func missingField() throws {
        #expect(throws: SchemaError.missingField(path: "$", field: "reducers")) {
            try Self.parse(try Self.mutated(["reducers"], nil))
        }
        #expect(throws: SchemaError.missingField(path: "$.tables[1]", field: "primary_key")) {
            try Self.parse(try Self.mutated(["tables", 1, "primary_key"], nil))
        }
        #expect(
            throws: SchemaError.missingField(path: "$.typespace.types[0].Product.elements[1]", field: "algebraic_type")
        ) {
            try Self.parse(try Self.mutated(["typespace", "types", 0, "Product", "elements", 1, "algebraic_type"], nil))
        }
    }

    @Test("wrong JSON type")
    func wrongType() throws {
        #expect(throws: SchemaError.wrongType(path: "$.tables[0].name", expected: "string", found: "number")) {
            try Self.parse(try Self.mutated(["tables", 0, "name"], 7))
        }
        #expect(throws: SchemaError.wrongType(path: "$.tables", expected: "array", found: "object")) {
            try Self.parse(try Self.mutated(["tables"], [String: Any]()))
        }
        #expect(throws: SchemaError.wrongType(path: "$.types[0].custom_ordering", expected: "boolean", found: "string")) {
            try Self.parse(try Self.mutated(["types", 0, "custom_ordering"], "yes"))
        }
        #expect(throws: SchemaError.invalidValue(path: "$.tables[1].primary_key[0]", reason: "-1 is not a valid u16")) {
            try Self.parse(try Self.mutated(["tables", 1, "primary_key", 0], -1))
        }
    }

    @Test("bad type references")
    func badRef() throws {
        #expect(
            throws: SchemaError.badRef(
                path: "$.typespace.types[0].Product.elements[2].algebraic_type.Ref", ref: 9, typespaceCount: 2)
        ) {
            try Self.parse(
                try Self.mutated(["typespace", "types", 0, "Product", "elements", 2, "algebraic_type"], ["Ref": 9]))
        }
        #expect(throws: SchemaError.badRef(path: "$.tables[0].product_type_ref", ref: 5, typespaceCount: 2)) {
            try Self.parse(try Self.mutated(["tables", 0, "product_type_ref"], 5))
        }
        #expect(throws: SchemaError.badRef(path: "$.types[1].ty", ref: 2, typespaceCount: 2)) {
            try Self.parse(try Self.mutated(["types", 1, "ty"], 2))
        }
        #expect(
            throws: SchemaError.badRef(
                path: "$.reducers[3].params.elements[0].algebraic_type.Array.Ref", ref: 4, typespaceCount: 2)
        ) {
            try Self.parse(
                try Self.mutated(["reducers", 3, "params", "elements", 0, "algebraic_type"], ["Array": ["Ref": 4]]))
        }
    }

    @Test("unknown AlgebraicType and other enum variants")
    func unknownVariant() throws {
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.typespace.types[1].Product.elements[2].algebraic_type", type: "AlgebraicType", variant: "Str",
                known: AlgebraicType.variantNames)
        ) {
            try Self.parse(
                try Self.mutated(["typespace", "types", 1, "Product", "elements", 2, "algebraic_type"], ["Str": []]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.tables[0].table_access", type: "StAccess", variant: "Secret", known: ["Public", "Private"])
        ) {
            try Self.parse(try Self.mutated(["tables", 0, "table_access"], ["Secret": []]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.reducers[0].lifecycle.some", type: "Lifecycle", variant: "OnTuesday",
                known: ["Init", "OnConnect", "OnDisconnect"])
        ) {
            try Self.parse(try Self.mutated(["reducers", 0, "lifecycle"], ["some": ["OnTuesday": []]]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.typespace.types[0].Product.elements[2].algebraic_type",
                reason: "AlgebraicType must have exactly one variant key, found 2")
        ) {
            try Self.parse(
                try Self.mutated(
                    ["typespace", "types", 0, "Product", "elements", 2, "algebraic_type"], ["Bool": [], "U8": []]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.typespace.types[0].Product.elements[2].algebraic_type.Bool", reason: "a unit payload must be []")
        ) {
            try Self.parse(
                try Self.mutated(["typespace", "types", 0, "Product", "elements", 2, "algebraic_type"], ["Bool": [1]]))
        }
    }

    @Test("a table whose row type is not a product, and a column out of range")
    func invalidValues() throws {
        let schema = try Self.mutated(["typespace", "types"], [["U8": [Any]()], ["U8": [Any]()]])
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.tables[0].product_type_ref", reason: "table \"message\" row type 1 is not a product type")
        ) {
            try Self.parse(schema)
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.tables[1].indexes[0].algorithm.BTree[0]",
                reason: "column 3 does not exist (the row has 3 columns)")
        ) {
            try Self.parse(try Self.mutated(["tables", 1, "indexes", 0, "algorithm", "BTree", 0], 3))
        }
    }

    @Test("malformed JSON and a non-object document")
    func malformed() {
        #expect(throws: SchemaError.malformedJSON(line: 1, column: 28, reason: "expected ',' or '}' in object")) {
            try ModuleSchema.parseV9(json: #"{"typespace": {"types": [] "#)
        }
        #expect(throws: SchemaError.wrongType(path: "$", expected: "object", found: "array")) {
            try ModuleSchema.parseV9(json: "[]")
        }
    }

    @Test("every error message names its path")
    func messages() {
        let errors: [SchemaError] = [
            .missingField(path: "$.a", field: "b"), .wrongType(path: "$.a", expected: "string", found: "number"),
            .unknownVariant(path: "$.a", type: "T", variant: "V", known: ["X"]),
            .badRef(path: "$.a", ref: 3, typespaceCount: 1), .invalidValue(path: "$.a", reason: "r"),
        ]
        for error in errors { #expect(error.description.hasPrefix("$.a: ")) }
        #expect(SchemaError.malformedJSON(line: 2, column: 3, reason: "r").description.contains("line 2, column 3"))
    }
}
