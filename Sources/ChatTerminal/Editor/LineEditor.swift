/// The input's editor over grapheme clusters: cursor movement, kill/yank, history and name completion.
///
/// The text is kept as typed: pasted line breaks and Alt-Enter stay real line breaks (normalised to
/// `\n`) so the draft is sent as one multi-line message; `visibleLines` shows one row per line
/// (`visibleSlice`, the single-row form, shows each break as `⏎`), and ↑/↓ move between the lines
/// before they recall history (see `LineEditor+Lines`).
/// Other control characters are kept and shown in their sanitised form.
/// Every command except `complete` ends a running Tab-completion cycle. ↑/↓ show submitted lines;
/// the line being typed when recall started comes back after the newest one, while edits made to a
/// recalled line are dropped when moving on to another (as in most IRC clients).
public struct LineEditor: Equatable, Sendable {
    /// The line's grapheme clusters.
    public private(set) var characters: [Character] = []
    /// Cursor position: the number of clusters before it (0...characters.count).
    public internal(set) var cursor = 0
    /// Text removed by the last kill command, inserted again by `yank`.
    public private(set) var killBuffer = ""
    /// Submitted lines for ↑/↓ recall.
    public internal(set) var history: EditorHistory
    /// The running Tab-completion cycle, if the last command was `complete`.
    private var completion: CompletionCycle?
    /// Columns each cluster takes on screen (in context, in `charset`), kept in step with
    /// `characters` so drawing a long line never re-measures all of it.
    var columns = ClusterColumns()
    /// Where the draft's line breaks are, kept in step with `characters`.
    var breaks = LineBreakIndex()
    /// The column ↑/↓ aim for while they are pressed in a row, so passing a short line does not
    /// pull the cursor left for good (as in text editors).
    var goalColumn: Int?
    /// What the input line is drawn with; changing it re-measures the line once.
    public var charset: TerminalCharset = .utf8 {
        didSet {
            if charset != oldValue { columns.remeasureAll(characters, charset: charset) }
        }
    }

    /// An empty editor whose history keeps `historyLimit` lines.
    public init(historyLimit: Int = 500) {
        history = EditorHistory(limit: historyLimit)
    }

    /// The whole line.
    public var text: String {
        String(characters)
    }

    /// Whether the line is empty.
    public var isEmpty: Bool {
        characters.isEmpty
    }

    // MARK: - Commands

    /// Performs one editing command.
    public mutating func apply(_ command: EditorCommand) {
        completion = nil
        let goal = goalColumn
        goalColumn = nil
        switch command {
        case .insert(let text):
            insert(text)
        case .moveLeft:
            cursor = max(0, cursor - 1)
        case .moveRight:
            cursor = min(characters.count, cursor + 1)
        case .moveWordLeft:
            cursor = wordStart(before: cursor)
        case .moveWordRight:
            cursor = wordEnd(after: cursor)
        case .moveToStart:
            cursor = lineStartOrDraftStart()
        case .moveToEnd:
            cursor = lineEndOrDraftEnd()
        case .deleteBackward:
            if cursor > 0 {
                remove(cursor - 1..<cursor, kill: false)
            }
        case .deleteForward:
            if cursor < characters.count {
                remove(cursor..<cursor + 1, kill: false)
            }
        case .deleteWordBackward:
            remove(spaceDelimitedWordStart(before: cursor)..<cursor, kill: true)
        case .deleteWordForward:
            remove(cursor..<wordEnd(after: cursor), kill: true)
        case .killToStart:
            remove(killRangeToLineStart(), kill: true)
        case .killToEnd:
            remove(killRangeToLineEnd(), kill: true)
        case .yank:
            insert(killBuffer)
        case .historyPrevious:
            if let line = history.previous(current: text) {
                replaceAll(with: line)
            }
        case .historyNext:
            if let line = history.next(current: text) {
                replaceAll(with: line)
            }
        case .moveLineUp:
            moveLineUp(goal: goal)
        case .moveLineDown:
            moveLineDown(goal: goal)
        }
    }

    /// Whether the last ``submit()`` added its line to the history (not blank, not a repeat of the
    /// newest entry): the lines worth keeping in the history file.
    public private(set) var lastSubmitWasRecorded = false

    /// Returns the line, records it in the history and clears the editor.
    public mutating func submit() -> String {
        completion = nil
        let line = text
        lastSubmitWasRecorded = history.record(line)
        characters = []
        cursor = 0
        columns.remeasureAll(characters, charset: charset)
        breaks.reindex(characters)
        return line
    }

    /// Replaces the recall history with `lines` (oldest first), as loaded from the history file.
    public mutating func restoreHistory(_ lines: [String]) {
        history.restore(lines)
    }

    /// Replaces the whole line (cursor at the end), leaving history and kill buffer alone.
    public mutating func setText(_ newText: String) {
        completion = nil
        replaceAll(with: newText)
    }

    /// Tab: completes the word before the cursor from `candidates` (in priority order), or cycles.
    ///
    /// Matching is a case-insensitive prefix match. The first press replaces the word with the first
    /// match followed by `": "` when the word starts the line, else `" "`; each further press
    /// (with no other command in between) replaces it with the next match, wrapping around.
    /// Nothing happens when the word is empty or nothing matches.
    public mutating func complete(candidates: [String]) {
        if var cycle = completion, !cycle.matches.isEmpty {
            cycle.index = (cycle.index + 1) % cycle.matches.count
            let end = min(characters.count, cycle.wordStart + cycle.insertedCount)
            cycle.wordStart = min(cycle.wordStart, end)
            let countBefore = characters.count - (end - cycle.wordStart)
            cursor = splice(cycle.wordStart..<end, with: completionText(cycle.matches[cycle.index], at: cycle.wordStart))
            cycle.insertedCount = characters.count - countBefore
            completion = cycle
            return
        }
        let start = completionWordStart()
        guard start < cursor else {
            return
        }
        let prefix = String(characters[start..<cursor]).lowercased()
        var seen = Set<String>()
        let matches = candidates.filter { candidate in
            !candidate.isEmpty && candidate.lowercased().hasPrefix(prefix) && seen.insert(candidate).inserted
        }
        guard let first = matches.first else {
            return
        }
        let countBefore = characters.count - (cursor - start)
        cursor = splice(start..<cursor, with: completionText(first, at: start))
        completion = CompletionCycle(wordStart: start, matches: matches, index: 0, insertedCount: characters.count - countBefore)
    }

    // MARK: - Display

    /// The part of the line to draw in a field `width` columns wide, scrolled so the cursor shows.
    ///
    /// Scrolling is stateless and moves in steps of half the field, so the text does not jitter
    /// while typing. A wide cluster that would straddle either edge is left out rather than split.
    /// Line breaks show as `⏎`, controls as their placeholders.
    public func visibleSlice(width: Int) -> VisibleSlice {
        slice(of: 0..<characters.count, cursor: cursor, width: width)
    }

    // MARK: - Helpers

    private mutating func insert(_ newText: String) {
        guard !newText.isEmpty else {
            return
        }
        cursor = splice(cursor..<cursor, with: Self.normalizingLineBreaks(newText))
    }

    private mutating func remove(_ range: Range<Int>, kill: Bool) {
        guard !range.isEmpty else {
            return
        }
        if kill {
            killBuffer = String(characters[range])
        }
        cursor = splice(range, with: "")
    }

    /// Replaces the clusters in `range` with `text` and returns the position just after it.
    ///
    /// Only the seams are re-clustered (the cluster before the range, the text, the cluster after
    /// it), so neighbours still merge as they would in the whole string (a typed combining mark
    /// joins the letter before it, a second regional indicator its partner) while an edit costs
    /// the same in a 1 MB line as in a short one.
    private mutating func splice(_ range: Range<Int>, with text: String) -> Int {
        let lower = max(0, range.lowerBound - 1)
        let upper = min(characters.count, range.upperBound + 1)
        let head = String(characters[lower..<range.lowerBound]) + text
        let window = Array(head + String(characters[range.upperBound..<upper]))
        characters.replaceSubrange(lower..<upper, with: window)
        columns.replace(lower..<upper, count: window.count, in: characters, charset: charset)
        breaks.replace(lower..<upper, with: window)
        return min(lower + head.count, characters.count)
    }

    mutating func replaceAll(with line: String) {
        characters = Array(Self.normalizingLineBreaks(line))
        cursor = characters.count
        columns.remeasureAll(characters, charset: charset)
        breaks.reindex(characters)
    }

    /// `text` with every typed line break (CR, CRLF, U+2028...) as `\n`.
    private static func normalizingLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x0D || $0.value == 0x85 || $0.value == 0x2028 || $0.value == 0x2029 })
        else { return text }
        var normalized = ""
        for character in text {
            normalized.append(TerminalSanitizer.isTypedLineBreak(character) ? "\n" : character)
        }
        return normalized
    }

    /// A completed name and what follows it at `index`: `": "` at the start of the line, else `" "`.
    private func completionText(_ name: String, at index: Int) -> String {
        name + (index == 0 ? ": " : " ")
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        !(character.isWhitespace || character.isPunctuation || character.isSymbol)
    }

    /// Start of the word before `position` (skips non-word clusters first), as Alt-B moves.
    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, !isWordCharacter(characters[index - 1]) {
            index -= 1
        }
        while index > 0, isWordCharacter(characters[index - 1]) {
            index -= 1
        }
        return index
    }

    /// End of the word after `position` (skips non-word clusters first), as Alt-F moves.
    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, !isWordCharacter(characters[index]) {
            index += 1
        }
        while index < characters.count, isWordCharacter(characters[index]) {
            index += 1
        }
        return index
    }

    /// Start of the whitespace-delimited word before `position`, skipping spaces first (as Ctrl-W deletes).
    private func spaceDelimitedWordStart(before position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1].isWhitespace {
            index -= 1
        }
        while index > 0, !characters[index - 1].isWhitespace {
            index -= 1
        }
        return index
    }

    /// Start of the whitespace-delimited word ending at the cursor (names may contain punctuation).
    private func completionWordStart() -> Int {
        var index = cursor
        while index > 0, !characters[index - 1].isWhitespace {
            index -= 1
        }
        return index
    }
}
