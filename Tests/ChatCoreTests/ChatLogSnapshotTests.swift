@testable import ChatCore
import SpacetimeDB
import Testing

/// The log's rows found through their time (no index of every row beside the entries): which rows of
/// a re-applied subscription are missing, how many copies of a row it holds, and merging rows in.
@Suite struct ChatLogSnapshotTests {
    typealias F = Fixtures

    /// `"3:text"` is a row sent at second 3 by alice, `"3:text@bob"` one by bob; in a log, `"3!"` is
    /// a notice at second 3.
    static func row(_ spec: String) -> ChatMessage {
        let parts = spec.split(separator: ":", maxSplits: 1)
        let seconds = Int64(parts[0]) ?? -1
        let body = parts.count > 1 ? parts[1].split(separator: "@", maxSplits: 1) : [""]
        let sender = body.count > 1 && body[1] == "bob" ? F.bob : F.alice
        return ChatMessage(sender: sender, sent: F.time(seconds), text: String(body[0]))
    }

    static func spec(_ message: ChatMessage) -> String {
        let seconds = (message.sent.microsecondsSinceUnixEpoch - F.time(0).microsecondsSinceUnixEpoch) / 1_000_000
        return "\(seconds):\(message.text)" + (message.sender == F.bob ? "@bob" : "")
    }

    static func log(_ specs: [String]) -> ChatLog {
        var log = ChatLog()
        for spec in specs {
            if spec.hasSuffix("!") {
                log.insert(.notice(.reconnected), at: F.time(Int64(spec.dropLast()) ?? -1))
            } else {
                let message = row(spec)
                log.insert(.message(message), at: message.sent)
            }
        }
        return log
    }

    @Test(arguments: [
        // The first subscription: everything, in time order.
        ([], ["2:b", "1:a"], ["1:a", "2:b"]),
        // The same rows again, in another order: nothing.
        (["1:a", "2:b", "3:c"], ["3:c", "1:a", "2:b"], []),
        // A row from while we were away, and a newer one.
        (["1:a", "3:c"], ["3:c", "2:gap", "1:a", "4:new"], ["2:gap", "4:new"]),
        // Equal rows are a multiset: two in the snapshot, one held.
        (["1:same"], ["1:same", "1:same"], ["1:same"]),
        // The log holding more copies than the snapshot adds nothing (and removes nothing).
        (["1:a", "1:a"], ["1:a"], []),
        // Same time, other text; same time and text, other sender.
        (["1:a"], ["1:b", "1:a", "1:a@bob"], ["1:b", "1:a@bob"]),
        // One row at a time held by a different row.
        (["5:x"], ["5:y"], ["5:y"]),
        // A larger group at one time: the unmatched ones, in snapshot order.
        (["2:a", "2:b"], ["2:c", "2:b", "2:a", "2:a"], ["2:c", "2:a"]),
        // Notices at a row's time are not rows.
        (["1!", "1:a", "2!"], ["2:b", "1:a", "1:c"], ["1:c", "2:b"]),
        // Rows older and newer than everything held.
        (["5:m", "6:n"], ["9:z", "0:early", "5:m", "6:n"], ["0:early", "9:z"]),
    ] as [([String], [String], [String])])
    func rowsMissingFromASnapshot(held: [String], snapshot: [String], missing: [String]) {
        let log = Self.log(held)
        #expect(log.rowsMissing(from: snapshot.map(Self.row)).map(Self.spec) == missing)
    }

    @Test(arguments: [
        ([], []),
        (["1:a", "2:b", "2:c"], ["1:a", "2:b", "2:c"]),
        // Equal times keep their given order.
        (["2:x", "1:p", "2:y", "1:q"], ["1:p", "1:q", "2:x", "2:y"]),
        (["3:c", "2:b", "1:a"], ["1:a", "2:b", "3:c"]),
    ] as [([String], [String])])
    func timeOrderIsStable(given: [String], ordered: [String]) {
        #expect(ChatLog.timeOrdered(given.map(Self.row)).map(Self.spec) == ordered)
    }

    @Test(arguments: [
        (["1:a"], "1:a", 1),
        (["1:a", "1:a", "1!", "1:b"], "1:a", 2),
        (["1:a"], "1:a@bob", 0),
        (["1:a", "3:a"], "2:a", 0),
        ([], "1:a", 0),
    ] as [([String], String, Int)])
    func occurrencesCountEqualRows(held: [String], query: String, count: Int) {
        #expect(Self.log(held).occurrences(of: Self.row(query)) == count)
    }

    @Test(arguments: [
        (["1:a", "2!", "2:b", "3:c"], 2, 1..<3),
        (["1:a", "3:c"], 2, 1..<1),
        (["1:a", "3:c"], 9, 2..<2),
        ([], 1, 0..<0),
    ] as [([String], Int64, Range<Int>)])
    func indicesAtATime(held: [String], seconds: Int64, indices: Range<Int>) {
        #expect(Self.log(held).indices(at: F.time(seconds)) == indices)
    }

    @Test func mergingRowsInterleavesWithWhatIsHeld() {
        var log = Self.log(["2:a", "4!", "6:c"])
        let indices = log.merge(messages: ["7:z", "1:x", "4:y"].map(Self.row))
        #expect(indices == [0, 3, 5])
        #expect(log.entries.map(\.time) == [1, 2, 4, 4, 6, 7].map { F.time($0) })
        #expect(log.messageRowCount == 5)
        let ids = log.entries.map(\.id)
        #expect(Set(ids).count == ids.count, "entry ids are unique")
        for (index, entry) in log.entries.enumerated() {
            #expect(log.index(of: entry.id, at: entry.time) == index)
        }
    }

    @Test func mergingIntoAnEmptyLogKeepsArrivalOrderAtEqualTimes() {
        var log = ChatLog()
        let indices = log.merge(messages: ["2:b", "1:a", "2:c"].map(Self.row))
        #expect(indices == [0, 1, 2])
        #expect(log.entries.compactMap { entry -> String? in
            if case .message(let message) = entry.content { return Self.spec(message) }
            return nil
        } == ["1:a", "2:b", "2:c"])
        #expect(log.entries.map(\.id) == log.entries.map(\.id).sorted(), "ids follow the order the rows came in")
    }

    @Test func rowCountFollowsInsertsReplacementsAndRemovals() {
        var log = Self.log(["1:a", "2!", "3:b"])
        #expect(log.messageRowCount == 2)
        log.replaceContent(at: 0, with: .notice(.reconnected))
        #expect(log.messageRowCount == 1)
        log.replaceContent(at: 1, with: .message(Self.row("2:n")))
        #expect(log.messageRowCount == 2)
        log.remove(atSortedIndices: [1, 2])
        #expect(log.messageRowCount == 0)
        #expect(!log.holdsMessageRows)
    }

    @Test func aReappliedSnapshotOfManyRowsAtOneTimeAddsNothing() {
        // Every row in one transaction (same `sent`): one group of 20k, matched as a multiset.
        let messages = (0..<20_000).map { ChatMessage(sender: F.alice, sent: F.time(1), text: "m\($0 % 5000)") }
        var model = F.liveModel(messages: messages)
        #expect(model.log.count == 20_000)
        _ = model.apply(.disconnected(reason: nil), at: F.time(2))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(3)), at: F.time(3))
        let gap = ChatMessage(sender: F.bob, sent: F.time(1), text: "m1")
        _ = model.apply(.initialRowsApplied(users: [], messages: messages.reversed() + [gap]), at: F.time(3))
        #expect(F.rows(model).count == 20_001)
        #expect(model.log.occurrences(of: gap) == 1)
        #expect(model.log.occurrences(of: messages[1]) == 4)
    }
}
