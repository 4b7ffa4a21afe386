import ArgumentParser

/// `spacetime-chat`: the terminal chat client (default) and `serve`, the local host.
@main
struct SpacetimeChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spacetime-chat",
        abstract: "A terminal chat client for SpacetimeDB's quickstart-chat module.",
        // The chat is the default subcommand, so its options are what most people look for here.
        usage: """
            spacetime-chat [--host <url>] [--db <name>] [--local [--recover]] [--data-dir <dir>] [--log-file <path>] [--no-color]
            spacetime-chat serve [--port <n>] [--bind <addr>] [--data-dir <dir>] [--tls-cert <pem> --tls-key <pem>] [--recover]
            """,
        discussion: """
            Run with --local to chat on a host in this process when none answers on localhost:3000; \
            a second `spacetime-chat --local` joins it. Keys and commands: /help inside the chat.
            See 'spacetime-chat chat --help' for what each chat option does.
            """,
        subcommands: [ChatCommand.self, ServeCommand.self],
        defaultSubcommand: ChatCommand.self)
}
