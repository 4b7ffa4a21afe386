import Testing

@testable import SpacetimeCodegen

@Suite("Swift naming rules")
struct SwiftNamingTests {
    @Test(
        "lowerCamelCase member names",
        arguments: [
            ("identity", "identity"), ("set_name", "setName"), ("send_message", "sendMessage"),
            ("last_seen_at", "lastSeenAt"), ("sentAt", "sentAt"), ("HTTPServer", "httpServer"),
            ("user_ID", "userId"), ("ID", "id"), ("u8_list", "u8List"), ("2fa", "_2fa"), ("with space", "withSpace"),
            ("kebab-case-name", "kebabCaseName"), ("__private", "private"), ("ümlaut", "ümlaut"),
            ("self", "self_"), ("Self", "self_"), ("class", "class"), ("Type", "type"), ("a.b", "aB"),
            ("snake__double", "snakeDouble"), ("UPPER_CASE", "upperCase"), ("field2Name", "field2Name"),
        ])
    func members(source: String, expected: String) {
        #expect(SwiftNaming.memberName(source) == expected)
    }

    @Test(
        "UpperCamelCase type names",
        arguments: [
            ("user", "User"), ("User", "User"), ("set_name", "SetName"), ("odd-Name_type", "OddNameType"),
            ("event_log", "EventLog"), ("Type", "Type_"), ("self", "Self_"), ("any", "Any_"), ("3d_point", "_3dPoint"),
            ("XMLHttpRequest", "XmlHttpRequest"),
        ])
    func types(source: String, expected: String) {
        #expect(SwiftNaming.typeName(source) == expected)
    }

    @Test("keywords are escaped with backticks at use sites; other names are not")
    func escaping() {
        #expect(SwiftNaming.escaped("class") == "`class`")
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("init") == "`init`")
        // As a parameter's name in a declaration only inout, var and let need backticks.
        #expect(SwiftNaming.parameterName("class") == "class")
        #expect(SwiftNaming.parameterName("inout") == "`inout`")
        #expect(SwiftNaming.parameterName("let") == "`let`")
        #expect(SwiftNaming.escaped("self_") == "self_")
        #expect(SwiftNaming.escaped("type") == "type")
        #expect(SwiftNaming.escaped("name") == "name")
    }

    @Test("names with no letters or digits cannot be converted")
    func unconvertible() {
        #expect(SwiftNaming.memberName("___") == nil)
        #expect(SwiftNaming.memberName("") == nil)
        #expect(SwiftNaming.typeName("🙂") == nil)
    }
}
