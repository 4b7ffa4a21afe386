import ChatCore
import Testing

@Suite struct MentionMatcherTests {
    @Test(arguments: [
        ("hi alice!", "alice", true),
        ("Alice: look at this", "alice", true),
        ("@ALICE", "alice", true),
        ("alice", "alice", true),
        ("malice in wonderland", "alice", false),
        ("alicex", "alice", false),
        ("alice2 is someone else", "alice", false),
        ("malice, then alice", "alice", true),
        ("ping Ada Lovelace please", "ada lovelace", true),
        ("漢字さん、こんにちは", "漢字さん", true),
        ("anything", "", false),
        ("", "alice", false),
    ])
    func wholeWordsInAnyCase(text: String, name: String, expected: Bool) {
        #expect(MentionMatcher.mentions(text, name: name) == expected)
    }
}
