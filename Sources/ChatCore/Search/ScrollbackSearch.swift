import Foundation

/// A search through the loaded scrollback: which entries match, which one is current, and the
/// scroll position to go back to when the search is cancelled.
///
/// Pure: built over the entries' searchable texts (nil for entries that are not searched, such
/// as notices), so it knows nothing of the log or the screen. It searches only what is loaded;
/// older pages are not fetched for it. Matching ignores case. Matches are numbered oldest first,
/// as "3/17" reads; the search starts at the newest match, `older()` walks back and
/// `newer()` forward, both wrapping around.
public struct ScrollbackSearch: Hashable, Sendable {
    /// What is searched for, as typed.
    public let query: String
    /// The indices of matching entries, oldest first.
    public private(set) var matches: [Int]
    /// The position of the current match in `matches`, nil when nothing matched.
    public private(set) var current: Int?
    /// The scroll position when the search started, restored when it is cancelled.
    public let savedScroll: ScrollState

    /// Searches `texts` (one per log entry, nil for entries not searched) for `query`.
    public init(query: String, texts: [String?], savedScroll: ScrollState) {
        self.query = query
        self.savedScroll = savedScroll
        let needle = query.trimmingCharacters(in: .whitespaces)
        matches = needle.isEmpty ? [] : texts.indices.filter { index in
            texts[index].map { Self.ranges(of: needle, in: $0).isEmpty == false } ?? false
        }
        current = matches.isEmpty ? nil : matches.count - 1
    }

    /// The entry index of the current match.
    public var currentEntry: Int? { current.map { matches[$0] } }

    /// Moves to the next older match (wrapping to the newest).
    public mutating func older() {
        guard let current else { return }
        self.current = current == 0 ? matches.count - 1 : current - 1
    }

    /// Moves to the next newer match (wrapping to the oldest).
    public mutating func newer() {
        guard let current else { return }
        self.current = current == matches.count - 1 ? 0 : current + 1
    }

    /// What the status bar says: `search "x": 3/17`, or that nothing loaded matches.
    public var statusText: String {
        guard let current else { return "search \"\(query)\": no match in loaded messages" }
        return "search \"\(query)\": \(current + 1)/\(matches.count)"
    }

    /// Where `needle` occurs in `text`, ignoring case; non-overlapping, in order.
    public static func ranges(of needle: String, in text: String) -> [Range<String.Index>] {
        guard !needle.isEmpty else { return [] }
        var result: [Range<String.Index>] = []
        var start = text.startIndex
        while start < text.endIndex, let found = text.range(of: needle, options: .caseInsensitive, range: start..<text.endIndex) {
            result.append(found)
            start = found.upperBound
        }
        return result
    }
}
