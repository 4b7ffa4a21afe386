/// A line in the log that is not a chat message: presence changes, our failed calls, local hints.
///
/// The wording of the presence and failure notices is the official client's, character for character.
public enum ChatNotice: Hashable, Sendable {
    /// `User {name} connected.`: a user came online.
    case userConnected(name: String)
    /// `User {name} disconnected.`: a user went offline.
    case userDisconnected(name: String)
    /// `User {old} renamed to {new}.`
    case userRenamed(from: String, to: String)
    /// `Failed to send message {text:?}: {error}`: our `send_message` call failed.
    case sendMessageFailed(text: String, error: String)
    /// `Failed to change name to {name:?}: {error}`: our `set_name` call failed.
    case setNameFailed(name: String, error: String)
    /// `Disconnected: {reason}` or `Disconnected.`: our connection dropped.
    case connectionLost(reason: String?)
    /// `Reconnected.`: the subscription is live again after a drop.
    case reconnected
    /// `Subscription failed: {reason}`.
    case subscriptionFailed(reason: String)
    /// One line saying why the connection ended for good and what to do (see `ConnectionRefusal`).
    case closedForGood(String)
    /// One line about starting over with a new identity (`/reset-identity`).
    case identityReset(String)
    /// One line of `/help` output.
    case help(String)
    /// The hint for an unknown command.
    case unknownCommand(String)
    /// `loading older messages…`: a history page is on its way (shown at the top of the log).
    case loadingOlderMessages
    /// `beginning of history`: nothing older exists (shown at the top of the log).
    case beginningOfHistory
    /// A history page or the history window failed, and what happens instead.
    case historyProblem(String)
    /// One line saying what a setting is now (`/bell`).
    case setting(String)

    /// How a notice should look; the painter maps kinds to styles.
    public enum Kind: Hashable, Sendable {
        /// Someone joined, left or renamed.
        case presence
        /// Something of ours failed, or the connection is in trouble.
        case error
        /// Local information (help, hints, reconnected).
        case info
    }

    /// The notice's kind.
    public var kind: Kind {
        switch self {
        case .userConnected, .userDisconnected, .userRenamed: .presence
        case .sendMessageFailed, .setNameFailed, .connectionLost, .subscriptionFailed, .historyProblem, .closedForGood: .error
        case .reconnected, .help, .unknownCommand, .loadingOlderMessages, .beginningOfHistory, .identityReset, .setting: .info
        }
    }

    /// The line as shown.
    public var text: String {
        switch self {
        case .userConnected(let name): "User \(name) connected."
        case .userDisconnected(let name): "User \(name) disconnected."
        case .userRenamed(let old, let new): "User \(old) renamed to \(new)."
        case .sendMessageFailed(let text, let error): "Failed to send message \(RustDebugQuote.quote(text)): \(error)"
        case .setNameFailed(let name, let error): "Failed to change name to \(RustDebugQuote.quote(name)): \(error)"
        case .connectionLost(let reason?): "Disconnected: \(reason)"
        case .connectionLost(nil): "Disconnected."
        case .reconnected: "Reconnected."
        case .subscriptionFailed(let reason): "Subscription failed: \(reason)"
        case .closedForGood(let line), .identityReset(let line): line
        case .help(let line): line
        case .unknownCommand(let word): "Unknown command \(word). Type /help for commands; //text sends /text."
        case .loadingOlderMessages: "loading older messages…"
        case .beginningOfHistory: "beginning of history"
        case .historyProblem(let text): text
        case .setting(let line): line
        }
    }

    /// The lines `/help` prints, one notice each.
    public static let helpLines: [String] = [
        "Commands: /name NAME sets your name · /users shows or hides the user list · /help · /quit",
        "          //text sends a line that starts with /",
        "          /reset-identity starts over with a new identity after the host refused yours",
        "Styles: <b>bold</b> <i>italic</i> <u>underline</u> <s>struck</s> <code>code</code> <a href=\"URL\">link</a> <br>",
        "        &lt; &gt; &amp; write < > & literally; --no-markup shows tags as typed",
        "Search: /search TEXT (or type it and press Ctrl-R) · Ctrl-R older, Ctrl-S newer match · Esc back",
        "        (searches the loaded messages only: scroll up first to load older ones)",
        "Keys: Enter send · Tab complete a name · ↑/↓ recall sent lines · PgUp/PgDn scroll",
        "      Alt-Enter new line in the message · ↑/↓ move between its lines, then recall · Ctrl-↑/↓ recall",
        "      Ctrl-Home/Ctrl-End (or Alt-Home/End) top/end of the log · F2 user list · Ctrl-L redraw",
        "      Ctrl-C, or Ctrl-D on an empty line, quit",
        "Mentions: while you are scrolled up or in another window, a message that names you rings the bell",
        "          and counts in the terminal title; /bell on|off (or --no-bell) · ── new ── marks the first",
        "          message that came meanwhile: Alt-U (or /unread) jumps to it",
    ]
}
