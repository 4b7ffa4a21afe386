@testable import ChatCore
import Testing

@Suite struct ChatCommandTests {
    @Test(arguments: [
        ("", ChatCommand.empty),
        ("   ", .empty),
        ("\t \u{3000}", .empty),
        ("Hello, world!", .message("Hello, world!")),
        ("  padded  ", .message("  padded  ")),
        ("//text", .message("/text")),
        ("//name bob", .message("/name bob")),
        ("//", .message("/")),
        ("/name bob", .setName("bob")),
        ("/name   bob smith  ", .setName("bob smith")),
        ("/NAME Bob", .setName("Bob")),
        ("/name", .setName("")),
        ("/name   ", .setName("")),
        ("/namebob", .unknown("/namebob")),
        ("/help", .help),
        ("/help me", .help),
        ("/quit", .quit),
        ("/users", .toggleUsers),
        ("/search  lunch plans ", .search("lunch plans")),
        ("/SEARCH x", .search("x")),
        ("/search", .search("")),
        ("/searchx", .unknown("/searchx")),
        ("/frobnicate now", .unknown("/frobnicate")),
        ("/", .unknown("/")),
        ("/ hello", .unknown("/")),
        ("a /name bob", .message("a /name bob")),
        ("/bell on", .bell(true)),
        ("/BELL  Off ", .bell(false)),
        ("/bell", .bell(nil)),
        ("/bell loud", .bell(nil)),
        ("/bellx", .unknown("/bellx")),
        ("/unread", .jumpToUnread),
        ("/unread please", .jumpToUnread),
    ] as [(String, ChatCommand)])
    func parses(line: String, expected: ChatCommand) {
        #expect(ChatCommand(parsing: line) == expected)
    }
}
