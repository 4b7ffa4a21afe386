@testable import ChatCore
import Testing

@Suite struct NoticeWordingTests {
    @Test(arguments: [
        (ChatNotice.userConnected(name: "alice"), "User alice connected."),
        (.userConnected(name: "c200000000000002"), "User c200000000000002 connected."),
        (.userDisconnected(name: "bob"), "User bob disconnected."),
        (.userRenamed(from: "c200000000000002", to: "alice"), "User c200000000000002 renamed to alice."),
        (.userRenamed(from: "alice", to: "Alice B."), "User alice renamed to Alice B.."),
        (.sendMessageFailed(text: "", error: "Messages must not be empty"),
         "Failed to send message \"\": Messages must not be empty"),
        (.sendMessageFailed(text: "say \"hi\"", error: "boom"), "Failed to send message \"say \\\"hi\\\"\": boom"),
        (.setNameFailed(name: "", error: "Names must not be empty"),
         "Failed to change name to \"\": Names must not be empty"),
        (.setNameFailed(name: "x", error: "Cannot set name for unknown user"),
         "Failed to change name to \"x\": Cannot set name for unknown user"),
        (.connectionLost(reason: "connection reset"), "Disconnected: connection reset"),
        (.connectionLost(reason: nil), "Disconnected."),
        (.reconnected, "Reconnected."),
        (.subscriptionFailed(reason: "bad sql"), "Subscription failed: bad sql"),
        (.unknownCommand("/frob"), "Unknown command /frob. Type /help for commands; //text sends /text."),
        (.help("line"), "line"),
    ] as [(ChatNotice, String)])
    func wording(notice: ChatNotice, expected: String) {
        #expect(notice.text == expected)
    }

    @Test func kinds() {
        #expect(ChatNotice.userConnected(name: "a").kind == .presence)
        #expect(ChatNotice.userRenamed(from: "a", to: "b").kind == .presence)
        #expect(ChatNotice.sendMessageFailed(text: "", error: "e").kind == .error)
        #expect(ChatNotice.connectionLost(reason: nil).kind == .error)
        #expect(ChatNotice.help("x").kind == .info)
        #expect(ChatNotice.unknownCommand("/x").kind == .info)
    }

    /// Expected values are what Rust's `format!("{:?}", s)` prints for these strings.
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("", "\"\""),
        ("it's", "\"it's\""),
        ("a\"b", "\"a\\\"b\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("tab\there", "\"tab\\there\""),
        ("line\nbreak\r", "\"line\\nbreak\\r\""),
        ("nul\0", "\"nul\\0\""),
        ("esc\u{1B}[2J", "\"esc\\u{1b}[2J\""),
        ("del\u{7F}", "\"del\\u{7f}\""),
        ("nbsp\u{A0}x", "\"nbsp\\u{a0}x\""),
        ("zwj\u{200D}", "\"zwj\\u{200d}\""),
        ("e\u{301}", "\"e\\u{301}\""),
        ("héllo 漢字 🎉", "\"héllo 漢字 🎉\""),
        ("bell\u{07}", "\"bell\\u{7}\""),
        ("heart\u{2764}\u{FE0F}", "\"heart\u{2764}\\u{fe0f}\""),
    ] as [(String, String)])
    func rustDebugQuoting(input: String, expected: String) {
        #expect(RustDebugQuote.quote(input) == expected)
    }
}
