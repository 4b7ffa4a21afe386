import SpacetimeDB

extension ChatModel {
    // MARK: Scrollback search

    /// Starts (or replaces) a search of the loaded messages and shows the newest match.
    ///
    /// Messages are searched as drawn: tags removed, entities decoded. Notices are not searched.
    public mutating func startSearch(_ query: String) {
        let texts: [String?] = (0..<log.count).map { index in
            switch log[index].content {
            case .message(let message): return MarkupParser.plainText(of: MarkupParser.parse(message.text))
            case .outgoing(let outgoing): return MarkupParser.plainText(of: MarkupParser.parse(outgoing.text))
            case .notice: return nil
            }
        }
        let started = ScrollbackSearch(query: query, texts: texts, savedScroll: search?.savedScroll ?? scroll)
        search = started
        searchMatchKeys = started.matches.map { (log[$0].id, log[$0].time) }
        showSearchMatch()
    }

    /// Moves to the next older match.
    public mutating func searchOlder() {
        search?.older()
        showSearchMatch()
    }

    /// Moves to the next newer match.
    public mutating func searchNewer() {
        search?.newer()
        showSearchMatch()
    }

    /// Ends the search and puts the view back where it was before it started.
    public mutating func cancelSearch() {
        guard let search else { return }
        scroll.restore(search.savedScroll)
        self.search = nil
        searchMatchKeys = []
    }

    private mutating func showSearchMatch() {
        // Found again by identity: entries may have been inserted above it since the search began.
        guard let current = search?.current, current < searchMatchKeys.count else { return }
        let key = searchMatchKeys[current]
        guard let entry = log.index(of: key.id, at: key.time) else { return }
        scroll.show(entryIndex: entry)
    }
}
