import Testing

@testable import SpacetimeCodegen

@Suite("JSON parser")
struct JSONParserTests {
    @Test("parses every JSON kind, keeping number text and member order")
    func parsesKinds() throws {
        let value = try JSONParser.parse(#" {"b": [1, -2.5e3, 340282366920938463463374607431768211455], "a": {"x": null, "y": true, "z": false}, "s": "q\"\\\/\n\u00e9\ud83d\ude00"} "#)
        #expect(
            value
                == .object([
                    JSONMember(
                        key: "b",
                        value: .array([.number("1"), .number("-2.5e3"), .number("340282366920938463463374607431768211455")])),
                    JSONMember(
                        key: "a",
                        value: .object([
                            JSONMember(key: "x", value: .null), JSONMember(key: "y", value: .bool(true)),
                            JSONMember(key: "z", value: .bool(false)),
                        ])),
                    JSONMember(key: "s", value: .string("q\"\\/\né😀")),
                ]))
    }

    @Test(
        "malformed JSON reports line and column",
        arguments: [
            ("{", 1, 2, "expected a string key in object"),
            ("{\"a\": 1,\n  ]", 2, 3, "expected a string key in object"),
            ("[1 2]", 1, 4, "expected ',' or ']' in array"),
            ("\"abc", 1, 5, "unterminated string"),
            ("01", 1, 2, "unexpected text after the JSON value"),
            ("[tru]", 1, 5, "invalid literal (expected \"true\")"),
            ("{} x", 1, 4, "unexpected text after the JSON value"),
            ("", 1, 1, "unexpected end of input"),
            ("\"\\x\"", 1, 4, "invalid escape \\'x'"),
        ])
    func malformed(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: SchemaError.malformedJSON(line: line, column: column, reason: reason)) {
            try JSONParser.parse(text)
        }
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: SchemaError.self) { try JSONParser.parse(text) }
    }
}
