/// Picks the locale curses draws with, so that a `LANG=C` environment does not turn every
/// non-ASCII character into a blank: the environment's own when it is UTF-8, else the first UTF-8
/// locale the system has from ``fallbacks`` (only the character type is changed); else none, and
/// the screen is drawn in ASCII (``TerminalCharset/ascii``).
///
/// Pure: the glue passes the environment's codeset and a function that tries a locale name and
/// returns the codeset it got (nil when the system lacks it), so both outcomes are testable.
public enum UTF8LocaleChooser {
    /// The outcome.
    public enum Choice: Sendable, Hashable {
        /// The environment's locale is UTF-8 already.
        case environment
        /// The environment's is not; this UTF-8 locale was set for the character type.
        case fallback(String)
        /// No UTF-8 locale exists: draw ASCII only.
        case none

        /// What the screen can be drawn with under this choice.
        public var charset: TerminalCharset { self == .none ? .ascii : .utf8 }
    }

    /// Locales tried in order when the environment's is not UTF-8 (`C.UTF-8` ships with glibc 2.35+).
    public static let fallbacks = ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"]

    /// Chooses, given the environment's codeset and a way to try a locale.
    public static func choose(environmentCodeset: String?, trying trySetting: (String) -> String?) -> Choice {
        if let environmentCodeset, isUTF8(environmentCodeset) { return .environment }
        for name in fallbacks {
            if let codeset = trySetting(name), isUTF8(codeset) { return .fallback(name) }
        }
        return .none
    }

    /// Whether a codeset name (`nl_langinfo(CODESET)`) means UTF-8.
    public static func isUTF8(_ codeset: String) -> Bool {
        let folded = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return folded == "utf8"
    }
}
