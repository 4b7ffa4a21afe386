/// What a line typed in the input means.
///
/// Rules: a line that is empty or only whitespace means nothing (it is not sent, although the
/// official client would send it and print `Failed to send message "": Messages must not be empty`;
/// pressing Enter on an empty line is almost always an accident). `//text` sends `/text`. A line
/// starting with one `/` is a command; command words are matched case-insensitively, and words after
/// `/help`, `/quit`, `/users`, `/reset-identity` and `/unread` are ignored. Anything else
/// is a message, sent exactly as typed (no trimming).
public enum ChatCommand: Hashable, Sendable {
    /// Nothing to do (empty or whitespace-only line).
    case empty
    /// Send this text as a message.
    case message(String)
    /// `/name NAME`: set our name. The name is trimmed of surrounding whitespace; an empty name is
    /// still sent, so the server answers with its own `Names must not be empty`.
    case setName(String)
    /// `/help`: list commands and keys.
    case help
    /// `/quit`: leave.
    case quit
    /// `/users`: show or hide the user list.
    case toggleUsers
    /// `/reset-identity`: after the host refused our identity, start over with a new one.
    case resetIdentity
    /// `/search TEXT`: search the loaded messages.
    case search(String)
    /// `/bell on|off`: whether mentions ring the terminal bell; nil (no or another word) asks.
    case bell(Bool?)
    /// `/unread`: jump to the unread marker (like Alt-U).
    case jumpToUnread
    /// An unknown command; carries the command word as typed, including its `/`.
    case unknown(String)

    /// Parses one input line.
    public init(parsing line: String) {
        if line.allSatisfy(\.isWhitespace) {
            self = .empty
            return
        }
        guard line.hasPrefix("/") else {
            self = .message(line)
            return
        }
        if line.hasPrefix("//") {
            self = .message(String(line.dropFirst()))
            return
        }
        let afterSlash = line.dropFirst()
        let word = afterSlash.prefix { !$0.isWhitespace }
        let argument = afterSlash.dropFirst(word.count)
        switch word.lowercased() {
        case "name":
            self = .setName(argument.trimmingWhitespace())
        case "help":
            self = .help
        case "quit":
            self = .quit
        case "users":
            self = .toggleUsers
        case "reset-identity":
            self = .resetIdentity
        case "search":
            self = .search(argument.trimmingWhitespace())
        case "bell":
            switch argument.trimmingWhitespace().lowercased() {
            case "on": self = .bell(true)
            case "off": self = .bell(false)
            default: self = .bell(nil)
            }
        case "unread":
            self = .jumpToUnread
        default:
            self = .unknown("/" + word)
        }
    }
}

extension Substring {
    /// The text without leading and trailing whitespace (Foundation-free).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
