import ArgumentParser
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

    @Option(name: .customLong("log-file"), help: "Where to write the log (never the terminal).")
    var logFile: String?

    @Flag(name: .customLong("no-color"), help: "Draw without colour (also: NO_COLOR).")
    var noColor = false

    @Flag(help: "Draw only ASCII (chosen by itself when the system has no UTF-8 locale).")
    var ascii = false

    func run() async throws {
        let settings = ChatSettings.resolve(
            host: host, database: database, local: local, dataDirectory: dataDirectory, logFile: logFile,
            noColor: noColor, asciiOnly: ascii, environment: ProcessInfo.processInfo.environment)
        let code = await ChatApplication(settings: settings).run()
        if code != 0 { throw ExitCode(code) }
    }
}
