/// Submitted lines and the position of ↑/↓ recall, keeping the line being edited as a draft.
public struct EditorHistory: Equatable, Sendable {
    /// Submitted lines, oldest first.
    public private(set) var entries: [String] = []
    /// Most entries kept; older ones are forgotten.
    public let limit: Int
    /// Index into `entries` being shown, or nil while editing the draft.
    public private(set) var position: Int?
    /// The text that was being edited when recall started.
    private var draft = ""
    /// Changes made to recalled lines during this recall, by entry index: moving away from an
    /// edited line and back must not lose the edit (as in readline). Dropped on submit.
    private var edits: [Int: String] = [:]

    /// An empty history that keeps at most `limit` lines.
    public init(limit: Int = 500) {
        self.limit = max(1, limit)
    }

    /// Records a submitted line (blank ones, which are never sent, and repeats of the newest are
    /// skipped) and ends recall; returns whether the line became a new entry.
    @discardableResult public mutating func record(_ line: String) -> Bool {
        position = nil
        draft = ""
        edits = [:]
        guard !line.allSatisfy(\.isWhitespace), entries.last != line else {
            return false
        }
        entries.append(line)
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
        }
        return true
    }

    /// Starts over with `lines` (oldest first, e.g. from the history file): empty lines and
    /// repeats of the previous line are skipped, and only the newest `limit` are kept.
    public mutating func restore(_ lines: [String]) {
        entries = []
        for line in lines {
            record(line)
        }
    }

    /// The older line to show, given the text on screen now; nil when there is nothing older.
    public mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else {
            return nil
        }
        switch position {
        case nil:
            draft = current
            position = entries.count - 1
        case let index? where index > 0:
            keep(current, at: index)
            position = index - 1
        default:
            return nil
        }
        return position.map(shown)
    }

    /// The newer line (or the saved draft after the newest), given the text on screen now; nil
    /// when not recalling.
    public mutating func next(current: String) -> String? {
        guard let index = position else {
            return nil
        }
        keep(current, at: index)
        if index + 1 < entries.count {
            position = index + 1
            return shown(index + 1)
        }
        position = nil
        let restored = draft
        draft = ""
        return restored
    }

    /// Entry `index` as last seen: edited, or as submitted.
    private func shown(_ index: Int) -> String {
        edits[index] ?? entries[index]
    }

    private mutating func keep(_ text: String, at index: Int) {
        edits[index] = text == entries[index] ? nil : text
    }
}
