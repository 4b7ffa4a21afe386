import Testing

@testable import ChatTerminal

/// Matches are cut out of their runs in reverse video, keeping the run's own attributes.
@Suite struct SearchHighlighterTests {
    static let bold = ScreenStyle(bold: true)

    struct Case: CustomTestStringConvertible, Sendable {
        let query: String
        let runs: [String]
        /// Per piece: text and whether it is highlighted.
        let expected: [Piece]
        var testDescription: String { "\(query) in \(runs)" }
    }

    struct Piece: Equatable, Sendable {
        let text: String
        let highlighted: Bool
        init(_ text: String, _ highlighted: Bool) {
            self.text = text
            self.highlighted = highlighted
        }
    }

    static let cases: [Case] = [
        Case(query: "ab", runs: ["xaby"], expected: [Piece("x", false), Piece("ab", true), Piece("y", false)]),
        Case(query: "AB", runs: ["ab ab"], expected: [Piece("ab", true), Piece(" ", false), Piece("ab", true)]),
        Case(query: "ab", runs: ["a", "b"], expected: [Piece("a", false), Piece("b", false)]),
        Case(query: " ", runs: ["a b"], expected: [Piece("a b", false)]),
        Case(query: "q", runs: ["none"], expected: [Piece("none", false)]),
        Case(query: "日本", runs: ["日本語"], expected: [Piece("日本", true), Piece("語", false)]),
    ]

    @Test(arguments: cases)
    func highlightsMatchesInsideRuns(_ sample: Case) {
        let runs = sample.runs.map { (text: $0, style: Self.bold) }
        let result = SearchHighlighter.highlighting(sample.query, in: runs)
        #expect(result.map { Piece($0.text, $0.style.reverse) } == sample.expected)
        #expect(result.allSatisfy { $0.style.bold })
        #expect(result.map(\.text).joined() == sample.runs.joined())
    }
}
