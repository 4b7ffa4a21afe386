import SpacetimeDB

/// Plans what history to fetch and what to drop, for a client that subscribes to a *window* of
/// `message` (`sent >= windowStart`) instead of the whole table.
///
/// SpacetimeDB's SQL has no `ORDER BY … LIMIT`, so "the previous page" is found with time ranges:
/// ask for `[to - span, to)`; if it holds fewer rows than wanted, widen (the span doubles, or grows
/// fourfold after an empty range) and ask for the range before it, until enough rows arrive or a
/// range reaches back before the Unix epoch, which is then asked without a lower bound (the last
/// step: whatever it returns is the beginning of history). A range that returns more than wanted
/// keeps only the newest rows wanted (and every row tied with the oldest kept), so memory stays
/// one page however dense the history is; the next page then starts with a span sized to that
/// density (about a page and a half), so a dense history costs little more than a page per request.
///
/// Invariant: every message sent at or after ``loadedFrom`` is in the log (the live window holds
/// `sent >= windowStart`, the pages hold `[loadedFrom, windowStart)`), so pages never overlap what
/// is loaded and a merge never duplicates a row.
///
/// A pure value: the model calls it and performs the requests it returns.
public struct HistoryPager: Hashable, Sendable {
    /// The live window's start; nil for the full subscription (`--since all`, or a server that
    /// refused the window), where there is nothing to page.
    public private(set) var windowStart: Timestamp?
    /// Every message sent at or after this time is loaded; nil before the window arrived.
    public private(set) var loadedFrom: Timestamp?
    /// Nothing older exists.
    public private(set) var reachedBeginning: Bool
    /// The request on its way, if any.
    public private(set) var inFlight: HistoryPageRequest?
    /// The request in flight was lost with the connection: send it again once live.
    public private(set) var awaitsRetry = false
    /// Rows a page brings (and the context wanted at start): a screenful plus a margin.
    public let pageSize: Int
    /// Older rows kept once the reader is back at the bottom; more than this are dropped.
    public let keepLimit: Int

    private var span: Int64
    /// The span a page starts with: the initial one, then what the last full page's density suggests.
    private var startSpan: Int64
    private var wanted = 0
    private var nextID = 1

    /// A pager for a window starting at `windowStart` (nil: full subscription, nothing to page).
    public init(windowStart: Timestamp?, pageSize: Int = 100, initialSpan: TimeDuration = TimeDuration(microseconds: 3_600_000_000)) {
        self.windowStart = windowStart
        self.pageSize = max(1, pageSize)
        self.keepLimit = 3 * max(1, pageSize)
        self.startSpan = max(1, initialSpan.microseconds)
        self.span = max(1, initialSpan.microseconds)
        reachedBeginning = windowStart == nil
    }

    /// Whether the client pages at all (a window, not the full subscription).
    public var isWindowed: Bool { windowStart != nil }

    /// The window's rows arrived (`rowCount` of them): when they are fewer than a page, fetch older
    /// ones for context. Acts once; a reconnect re-subscribes the same window and changes nothing.
    public mutating func windowApplied(rowCount: Int) -> HistoryPageRequest? {
        guard let windowStart, loadedFrom == nil else { return nil }
        loadedFrom = windowStart
        guard rowCount < pageSize else { return nil }
        return startPage(wanting: pageSize - rowCount)
    }

    /// The server refused the window: the full subscription is used instead and there is nothing to page.
    public mutating func fallBackToFullSubscription() {
        windowStart = nil
        loadedFrom = nil
        inFlight = nil
        awaitsRetry = false
        reachedBeginning = true
    }

    /// The reader reached the top of what is loaded: fetch the next older page, unless one is on its way.
    public mutating func reachedTop() -> HistoryPageRequest? {
        guard loadedFrom != nil, !reachedBeginning, inFlight == nil else { return nil }
        return startPage(wanting: pageSize)
    }

    /// What to do with a page's answer.
    public struct Receipt: Hashable, Sendable {
        /// The rows to merge into the log, oldest first.
        public var rows: [ChatMessage]
        /// The next (wider, older) range to ask for, when the page is not full yet.
        public var next: HistoryPageRequest?
    }

    /// A page answered with `rows` (in any order); nil when the answer is stale (not the request in flight).
    public mutating func received(requestID: Int, rows: [ChatMessage]) -> Receipt? {
        guard let request = inFlight, request.id == requestID else { return nil }
        inFlight = nil
        awaitsRetry = false
        let sorted = rows.enumerated().sorted { ($0.element.sent, $0.offset) < ($1.element.sent, $1.offset) }.map(\.element)
        if sorted.count >= wanted {
            // Keep the newest `wanted` rows and every row sent at the same time as the oldest of them,
            // so that "everything from loadedFrom on is loaded" stays true.
            let cut = sorted[sorted.count - wanted].sent
            let kept = Array(sorted.drop { $0.sent < cut })
            loadedFrom = cut
            if request.from == nil && kept.count == sorted.count { reachedBeginning = true }
            if request.from != nil && sorted.count > wanted {
                // Denser than the span assumed: the next page starts with a span that should hold
                // about 1.5 pages at this density (at least a second), so it fetches little beyond it.
                let guess = Double(span) * Double(wanted) * 1.5 / Double(sorted.count)
                startSpan = Int64(max(1_000_000, min(guess, Double(startSpan))))
            }
            wanted = 0
            return Receipt(rows: kept, next: nil)
        }
        wanted -= sorted.count
        guard let from = request.from else {
            reachedBeginning = true
            if let oldest = sorted.first?.sent { loadedFrom = oldest }
            return Receipt(rows: sorted, next: nil)
        }
        loadedFrom = from
        let (grown, overflow) = span.multipliedReportingOverflow(by: sorted.isEmpty ? 4 : 2)
        span = overflow ? .max : grown
        return Receipt(rows: sorted, next: makeRequest(to: from))
    }

    /// The request failed. Lost with the connection: it is sent again by ``resumed()``. Refused by the
    /// server: the page is abandoned (the reader may ask again by reaching the top).
    public mutating func failed(requestID: Int, connectionLost: Bool) -> Bool {
        guard let request = inFlight, request.id == requestID else { return false }
        if connectionLost {
            awaitsRetry = true
        } else {
            inFlight = nil
            wanted = 0
        }
        return true
    }

    /// The connection is live again: the request lost with it goes out again (a new id, the same range).
    public mutating func resumed() -> HistoryPageRequest? {
        guard awaitsRetry, let request = inFlight else { return nil }
        awaitsRetry = false
        let retry = HistoryPageRequest(id: takeID(), from: request.from, to: request.to)
        inFlight = retry
        return retry
    }

    /// The reader is back at the bottom with these older-than-the-window message times loaded (oldest
    /// first): when they are more than ``keepLimit``, returns the time before which entries go, keeping
    /// the newest page of them. Nothing is dropped while a page is on its way.
    public mutating func trim(olderMessageTimes times: [Timestamp]) -> Timestamp? {
        guard isWindowed, inFlight == nil, times.count > keepLimit else { return nil }
        let cut = times[times.count - pageSize]
        guard let loadedFrom, cut > loadedFrom else { return nil }
        self.loadedFrom = cut
        reachedBeginning = false
        return cut
    }

    private mutating func startPage(wanting rows: Int) -> HistoryPageRequest? {
        guard let loadedFrom else { return nil }
        wanted = rows
        span = startSpan
        return makeRequest(to: loadedFrom)
    }

    private mutating func makeRequest(to: Timestamp) -> HistoryPageRequest {
        let (start, overflow) = to.microsecondsSinceUnixEpoch.subtractingReportingOverflow(span)
        // Before the Unix epoch no chat message exists: ask for everything older instead.
        let from = overflow || start <= 0 ? nil : Timestamp(microsecondsSinceUnixEpoch: start)
        let request = HistoryPageRequest(id: takeID(), from: from, to: to)
        inFlight = request
        return request
    }

    private mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }
}
