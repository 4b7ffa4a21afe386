import SpacetimeDB
import Testing

@testable import ChatCore

/// `/search` on the model: shows matches, walks them, Esc puts the view back.
@Suite struct ChatModelSearchTests {
    typealias F = Fixtures

    static func model() -> ChatModel {
        let messages = (1...30).map { number in
            ChatMessage(sender: F.alice, sent: F.time(Int64(number)), text: number % 10 == 0 ? "<b>Lunch</b> at \(number)" : "filler \(number)")
        }
        return F.liveModel(users: [ChatUser(identity: F.alice, name: "alice", online: true)], messages: messages)
    }

    func index(of text: String, in model: ChatModel) -> Int? {
        (0..<model.log.count).first { index in
            if case .message(let message) = model.log[index].content { return message.text == text }
            return false
        }
    }

    @Test func searchShowsTheNewestMatchThenWalksOlderAndNewer() {
        var model = Self.model()
        #expect(model.scroll.isFollowing)
        _ = model.submit("/search lunch", at: F.time(40))
        #expect(model.search?.statusText == "search \"lunch\": 3/3")
        #expect(model.scroll.anchor?.entryIndex == index(of: "<b>Lunch</b> at 30", in: model))
        model.searchOlder()
        #expect(model.search?.statusText == "search \"lunch\": 2/3")
        #expect(model.scroll.anchor?.entryIndex == index(of: "<b>Lunch</b> at 20", in: model))
        model.searchNewer()
        model.searchNewer()
        #expect(model.search?.statusText == "search \"lunch\": 1/3")
        #expect(model.scroll.anchor?.entryIndex == index(of: "<b>Lunch</b> at 10", in: model))
    }

    /// A row older than everything loaded lands at the top of the log: the match is found by identity.
    @Test func matchesSurviveEntriesInsertedAbove() {
        var model = Self.model()
        model.startSearch("lunch")
        _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(0), text: "a late old row")), at: F.time(41))
        model.searchOlder()
        #expect(model.scroll.anchor?.entryIndex == index(of: "<b>Lunch</b> at 20", in: model))
    }

    @Test func markupTagsAreNotSearchedButTheirTextIs() {
        var model = Self.model()
        model.startSearch("<b>")
        #expect(model.search?.matches == [])
        model.startSearch("lunch at 2")
        #expect(model.search?.matches.count == 1)
    }

    @Test func cancelPutsTheViewBackWhereItWas() {
        var following = Self.model()
        following.startSearch("lunch")
        following.searchOlder()
        following.cancelSearch()
        #expect(following.search == nil)
        #expect(following.scroll.isFollowing)

        var scrolled = Self.model()
        scrolled.pageUp(pageSize: 5, lineCount: { _ in 1 })
        let before = scrolled.scroll
        scrolled.startSearch("filler 3")
        scrolled.startSearch("lunch")  // a new query keeps the place to go back to
        scrolled.cancelSearch()
        #expect(scrolled.scroll == before)
    }

    @Test func noMatchLeavesTheViewAlone() {
        var model = Self.model()
        model.startSearch("absent")
        #expect(model.scroll.isFollowing)
        #expect(model.search?.statusText == "search \"absent\": no match in loaded messages")
    }
}
