import ArgumentParser

/// `spacetime-chat`: the terminal chat client (default) and `serve`, the local host.
@main
struct SpacetimeChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spacetime-chat",
        abstract: "A terminal chat client for SpacetimeDB's quickstart-chat module.",
        subcommands: [ChatCommand.self, ServeCommand.self],
        defaultSubcommand: ChatCommand.self)
}
