import ChatCore
import Foundation

/// Where to connect and how to run, resolved from flags, then the environment, then defaults
/// (the names the official Rust template uses).
struct ChatSettings: Sendable, Equatable {
    /// The host URL (`http://`, `https://`, `ws://` or `wss://`).
    var host: String
    /// The database name or identity.
    var database: String
    /// Whether to make sure a local host serves `host` (starting one in this process if needed).
    var local: Bool
    /// Where an in-process local host keeps its data.
    var dataDirectory: String
    /// Where the log goes (never the terminal while curses owns it).
    var logFile: String
    /// Whether to draw in colour.
    var useColor: Bool
    /// Whether a local host started here may set a damaged commit log aside and start from its intact prefix.
    var recoverDamagedLog = false
    /// How far back the live `message` subscription reaches (`--since`).
    var since: HistorySince = .defaultValue
    /// Whether to draw only ASCII (`--ascii`).
    var asciiOnly = false
    /// Whether messages' HTML-like tags are drawn as styles (off with `--no-markup`).
    var markup = true
    /// Whether a mention while away rings the terminal bell (off with `--no-bell`; `/bell` changes it).
    var bell = true
    /// Where sent lines are kept for ↑/↓ across restarts; nil with `--no-history-file`.
    var historyFile: String?
    /// Whether the mouse wheel scrolls the log (`--mouse`; selecting text then needs Shift).
    var mouse = false
    /// What to ask the host to compress its messages with (`--compression`; `auto`: none over loopback).
    var compression: CompressionPreference = .defaultValue

    /// The default host, as in the official quickstart.
    static let defaultHost = "http://localhost:3000"
    /// The default database, as in the official quickstart.
    static let defaultDatabase = "quickstart-chat"

    /// Resolves settings from flags (nil when not given) and an environment.
    static func resolve(
        host: String?, database: String?, local: Bool, dataDirectory: String?, logFile: String?, noColor: Bool,
        asciiOnly: Bool = false, environment: [String: String]
    ) -> ChatSettings {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func nonEmpty(_ key: String) -> String? {
            guard let value = environment[key], !value.isEmpty else { return nil }
            return value
        }
        let dataHome = nonEmpty("XDG_DATA_HOME") ?? home + "/.local/share"
        let stateHome = nonEmpty("XDG_STATE_HOME") ?? home + "/.local/state"
        return ChatSettings(
            host: host ?? nonEmpty("SPACETIMEDB_HOST") ?? defaultHost,
            database: database ?? nonEmpty("SPACETIMEDB_DB_NAME") ?? defaultDatabase,
            local: local,
            dataDirectory: dataDirectory ?? dataHome + "/spacetime-chat",
            logFile: logFile ?? stateHome + "/spacetime-chat/spacetime-chat.log",
            // https://no-color.org: any non-empty NO_COLOR disables colour.
            useColor: !noColor && nonEmpty("NO_COLOR") == nil,
            asciiOnly: asciiOnly,
            historyFile: stateHome + "/spacetime-chat/input-history")
    }
}
