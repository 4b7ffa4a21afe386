/// Strings a reader expects again and again (a module's table and reducer names), with their UTF-8,
/// so that reading one compares bytes instead of building and validating a new `String`
/// (``BSATNReader/readString(known:)``).
struct KnownStrings: Sendable {
    /// One string and its UTF-8 bytes.
    struct Entry: Sendable {
        let utf8: [UInt8]
        let string: String
    }

    /// The strings, each once, in first-given order.
    let entries: [Entry]

    /// Keeps `strings`, each once.
    init(_ strings: some Sequence<String>) {
        var seen = Set<String>()
        var entries: [Entry] = []
        for string in strings where seen.insert(string).inserted {
            entries.append(Entry(utf8: Array(string.utf8), string: string))
        }
        self.entries = entries
    }

    /// No strings: ``BSATNReader/readString(known:)`` then reads every string as ``BSATNReader/readString()`` does.
    static let none = KnownStrings([])
}
