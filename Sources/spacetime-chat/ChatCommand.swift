import ArgumentParser
import ChatCore
import Foundation

/// `spacetime-chat`: the full-screen chat client.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat in the terminal (the default command).")

    @Option(help: "The SpacetimeDB host URL (default: $SPACETIMEDB_HOST, else http://localhost:3000).")
    var host: String?

    @Option(name: .customLong("db"), help: "The database name (default: $SPACETIMEDB_DB_NAME, else quickstart-chat).")
    var database: String?

    @Flag(help: "Make sure a local host serves --host, starting one in this process when none answers.")
    var local = false

    @Option(name: .customLong("data-dir"), help: "Where a local host started by --local keeps its data.")
    var dataDirectory: String?

    @Flag(help: "With --local: if the local host's commit log is damaged, keep a copy of it and start from the intact records before the damage.")
    var recover = false

    @Option(name: .customLong("log-file"), help: "Where to write the log (never the terminal).")
    var logFile: String?

    @Flag(name: .customLong("no-color"), help: "Draw without colour (also: NO_COLOR).")
    var noColor = false

    @Flag(help: "Draw only ASCII (chosen by itself when the system has no UTF-8 locale).")
    var ascii = false

    @Flag(name: .customLong("no-markup"), help: "Show messages' <b>, <i>, <a href> … tags as typed instead of as styles.")
    var noMarkup = false

    @Flag(name: .customLong("no-bell"), help: "Do not ring the terminal bell when a message names you while you are away (/bell on|off changes it).")
    var noBell = false

    @Flag(name: .customLong("no-history-file"), help: "Keep what you send for ↑/↓ in memory only, not in $XDG_STATE_HOME/spacetime-chat/input-history.")
    var noHistoryFile = false

    @Flag(help: "Let the mouse wheel scroll the log (the terminal then selects text only with Shift held).")
    var mouse = false

    @Option(help: "How far back the live message subscription reaches: 30m, 24h, 7d, … or all (default: 1h). Older messages load as you scroll up.")
    var since: String?

    @Option(help: "What the host compresses its messages with: auto, none, brotli or gzip (default: auto, which is none for a loopback host such as localhost or 127.0.0.1, brotli otherwise).")
    var compression: String?

    func validate() throws {
        if let since, HistorySince(since) == nil {
            throw ValidationError("--since takes a duration such as 30m, 24h or 7d, or all (got \(since))")
        }
        if let compression, CompressionPreference(compression) == nil {
            throw ValidationError("--compression takes auto, none, brotli or gzip (got \(compression))")
        }
    }

    func run() async throws {
        var settings = ChatSettings.resolve(
            host: host, database: database, local: local, dataDirectory: dataDirectory, logFile: logFile,
            noColor: noColor, asciiOnly: ascii, environment: ProcessInfo.processInfo.environment)
        settings.recoverDamagedLog = recover
        settings.markup = !noMarkup
        settings.bell = !noBell
        if noHistoryFile { settings.historyFile = nil }
        settings.mouse = mouse
        if let since, let window = HistorySince(since) { settings.since = window }
        if let compression, let preference = CompressionPreference(compression) { settings.compression = preference }
        let code = await ChatApplication(settings: settings).run()
        if code != 0 { throw ExitCode(code) }
    }
}
