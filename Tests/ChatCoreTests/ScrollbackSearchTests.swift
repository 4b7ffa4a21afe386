import Testing

@testable import ChatCore

@Suite struct ScrollbackSearchTests {
    static let texts: [String?] = ["Hello world", nil, "nothing here", "WORLD peace", "hello again", "worldly"]

    struct Case: CustomTestStringConvertible, Sendable {
        let query: String
        let matches: [Int]
        let status: String
        var testDescription: String { query.debugDescription }
    }

    static let cases: [Case] = [
        Case(query: "world", matches: [0, 3, 5], status: "search \"world\": 3/3"),
        Case(query: "HELLO", matches: [0, 4], status: "search \"HELLO\": 2/2"),
        Case(query: "here", matches: [2], status: "search \"here\": 1/1"),
        Case(query: "absent", matches: [], status: "search \"absent\": no match in loaded messages"),
        Case(query: "  ", matches: [], status: "search \"  \": no match in loaded messages"),
        Case(query: "", matches: [], status: "search \"\": no match in loaded messages"),
    ]

    @Test(arguments: cases)
    func findsMatchingEntriesOldestFirst(_ sample: Case) {
        let search = ScrollbackSearch(query: sample.query, texts: Self.texts, savedScroll: ScrollState())
        #expect(search.matches == sample.matches)
        #expect(search.statusText == sample.status)
        #expect(search.currentEntry == sample.matches.last)
    }

    @Test func walksOlderAndNewerWrappingAround() {
        var search = ScrollbackSearch(query: "world", texts: Self.texts, savedScroll: ScrollState())
        var visited: [Int?] = [search.currentEntry]
        for _ in 0..<3 {
            search.older()
            visited.append(search.currentEntry)
        }
        #expect(visited == [5, 3, 0, 5])
        search.newer()
        #expect(search.currentEntry == 0)
        #expect(search.statusText == "search \"world\": 1/3")
        search.newer()
        #expect(search.statusText == "search \"world\": 2/3")
    }

    @Test func movingWithoutMatchesStaysPut() {
        var search = ScrollbackSearch(query: "absent", texts: Self.texts, savedScroll: ScrollState())
        search.older()
        search.newer()
        #expect(search.current == nil)
        #expect(search.currentEntry == nil)
    }

    struct RangeCase: Sendable {
        let needle: String
        let text: String
        let found: [String]
    }

    static let rangeCases: [RangeCase] = [
        RangeCase(needle: "ab", text: "ab xAB abab", found: ["ab", "AB", "ab", "ab"]),
        RangeCase(needle: "aa", text: "aaa", found: ["aa"]),
        RangeCase(needle: "é", text: "café CAFÉ", found: ["é", "É"]),
        RangeCase(needle: "x", text: "", found: []),
        RangeCase(needle: "", text: "abc", found: []),
    ]

    @Test(arguments: rangeCases)
    func rangesAreCaseInsensitiveAndNonOverlapping(_ sample: RangeCase) {
        let found = ScrollbackSearch.ranges(of: sample.needle, in: sample.text).map { String(sample.text[$0]) }
        #expect(found == sample.found)
    }
}
